/**
 * THE people search of the portal, used by the people picker (mail recipients, agenda attendees,
 * later chat) and the contacts page: it asks the organisation's directory (LDAP) and the user's
 * own address books (CardDAV) IN PARALLEL, each under its own deadline, so one slow or down
 * backend never holds or breaks the other — the answer names the sources that failed
 * (`unavailable`) and why. Then it merges by e-mail (a directory entry enriched by the personal
 * contact's phone or profession, marked with both sources), ranks (name starting with the query
 * first) and caps.
 *
 * A source not configured (no LDAP_URL, no CARDDAV_URL) is simply not asked; a user who has not
 * connected their groupware account gets the directory, with contacts "not-connected".
 */
import "server-only";
import type { Contact } from "@/components/contacts/contact-types";
import type { PeopleSearchResult, Person, PersonSource } from "@/components/people-picker/person-types";
import type { DirectoryEntry } from "@/integrations/ldap/search-directory";
import { AppError } from "@/server/errors";
import { logger } from "@/server/log";
import { byRankThenName, matches, queryTerms } from "./person-matching";

export interface PeopleSources {
  /** Absent when LDAP_URL is not set. */
  directory?: (query: string, limit: number) => Promise<DirectoryEntry[]>;
  /** Absent when CARDDAV_URL is not set. Throws GROUPWARE_NOT_CONNECTED without a stored login. */
  contacts?: () => Promise<Contact[]>;
}

export interface PeopleSearchOptions {
  limit: number;
  /** Per source, in ms. */
  deadlineMs?: number;
}

const DEFAULT_DEADLINE_MS = 2500;

class DeadlineError extends Error {
  override name = "DeadlineError";
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function reasonOf(error: unknown): "not-connected" | "timeout" | "failed" {
  if (error instanceof DeadlineError) return "timeout";
  if (error instanceof AppError && error.code === "GROUPWARE_NOT_CONNECTED") return "not-connected";
  if (error instanceof AppError && error.code === "BACKEND_TIMEOUT") return "timeout";
  return "failed";
}

function fromDirectory(entry: DirectoryEntry): Person {
  return {
    id: entry.email ? entry.email.toLowerCase() : `directory:${entry.dn}`,
    name: entry.name,
    ...(entry.email ? { email: entry.email } : {}),
    ...(entry.profession ? { profession: entry.profession } : {}),
    ...(entry.service ? { service: entry.service } : {}),
    ...(entry.phone ? { phone: entry.phone } : {}),
    sources: ["directory"],
  };
}

/** One person per address of the contact (each is a recipient one can pick), or one without. */
function fromContact(contact: Contact): Person[] {
  const common = {
    name: contact.name,
    ...(contact.profession ? { profession: contact.profession } : {}),
    ...(contact.service ? { service: contact.service } : {}),
    ...(contact.phones[0] ? { phone: contact.phones[0] } : {}),
    sources: ["contacts"] as PersonSource[],
  };
  if (contact.emails.length === 0) return [{ id: `contact:${contact.id}`, ...common }];
  return contact.emails.map((email) => ({ id: email.toLowerCase(), email, ...common }));
}

/** Directory first; a contact with the same e-mail enriches it (missing fields) and adds its source. */
export function mergePeople(directory: Person[], contacts: Person[]): Person[] {
  const merged = new Map<string, Person>();
  for (const person of [...directory, ...contacts]) {
    const existing = merged.get(person.id);
    if (!existing) {
      merged.set(person.id, { ...person, sources: [...person.sources] });
      continue;
    }
    merged.set(person.id, {
      ...person,
      ...existing,
      sources: [...new Set([...existing.sources, ...person.sources])],
    });
  }
  return [...merged.values()];
}

export async function searchPeople(
  query: string,
  sources: PeopleSources,
  options: PeopleSearchOptions,
): Promise<PeopleSearchResult> {
  const deadline = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const terms = queryTerms(query);
  // Ask the directory for more than the cap: merging and ranking choose among them.
  const directoryLimit = Math.min(50, options.limit * 2);
  const [directory, contacts] = await Promise.allSettled([
    sources.directory ? withDeadline(sources.directory(query, directoryLimit), deadline) : Promise.resolve([]),
    sources.contacts ? withDeadline(sources.contacts(), deadline) : Promise.resolve([]),
  ]);
  const unavailable: PersonSource[] = [];
  const reasons: PeopleSearchResult["reasons"] = {};
  const note = (source: PersonSource, result: PromiseSettledResult<unknown>) => {
    if (result.status === "fulfilled") return;
    unavailable.push(source);
    reasons[source] = reasonOf(result.reason);
    if (reasons[source] !== "not-connected") {
      logger.warn({ err: result.reason, source }, "people search: a source failed");
    }
  };
  note("directory", directory);
  note("contacts", contacts);

  const directoryPeople = directory.status === "fulfilled" ? directory.value.map(fromDirectory) : [];
  // Each address of a contact is matched on its own: "helios atelier" picks atelier@helios.
  const contactPeople =
    contacts.status === "fulfilled"
      ? contacts.value.flatMap((contact) =>
          fromContact(contact).filter((person) =>
            matches(terms, {
              name: contact.name,
              emails: person.email ? [person.email] : [],
              others: [
                contact.givenName,
                contact.familyName,
                contact.service,
                contact.profession,
                contact.organization,
              ],
            }),
          ),
        )
      : [];
  const people = mergePeople(directoryPeople, contactPeople).sort(byRankThenName(query)).slice(0, options.limit);
  return { people, unavailable, ...(unavailable.length > 0 ? { reasons } : {}) };
}
