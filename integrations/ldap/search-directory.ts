/**
 * Searches the organisation's directory for people and maps entries to the portal's shape:
 * name (displayName, else cn, else given name + surname), e-mail, profession (title), service
 * (ou), phone. At most `limit` entries (the server's size limit is set to it, so a broad query
 * like "ma" costs the directory no more than the answer shows).
 */
import "server-only";
import type { Entry } from "ldapts";
import { withDirectory } from "./directory-client";
import { peopleFilter, queryWords } from "./directory-filter";
import type { LdapConfig } from "./ldap-config";

export interface DirectoryEntry {
  /** The entry's DN. */
  dn: string;
  name: string;
  email?: string;
  profession?: string;
  service?: string;
  phone?: string;
}

const ATTRIBUTES = ["cn", "displayName", "givenName", "sn", "mail", "title", "ou", "telephoneNumber"];

function first(entry: Entry, attribute: string): string | undefined {
  const value = entry[attribute];
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined) return undefined;
  const string = (Buffer.isBuffer(text) ? text.toString("utf8") : String(text)).trim();
  return string.length > 0 ? string : undefined;
}

export function toDirectoryEntry(entry: Entry): DirectoryEntry | null {
  const given = first(entry, "givenName");
  const surname = first(entry, "sn");
  const name =
    first(entry, "displayName") ??
    first(entry, "cn") ??
    ([given, surname].filter(Boolean).join(" ") || undefined) ??
    first(entry, "mail");
  if (!name) return null;
  const email = first(entry, "mail");
  const profession = first(entry, "title");
  const service = first(entry, "ou");
  const phone = first(entry, "telephoneNumber");
  return {
    dn: entry.dn,
    name,
    ...(email ? { email } : {}),
    ...(profession ? { profession } : {}),
    ...(service ? { service } : {}),
    ...(phone ? { phone } : {}),
  };
}

export async function searchDirectory(config: LdapConfig, query: string, limit: number): Promise<DirectoryEntry[]> {
  if (queryWords(query).length === 0) return [];
  const { searchEntries } = await withDirectory(config, (client) =>
    client.search(config.baseDn, {
      scope: "sub",
      filter: peopleFilter(query),
      attributes: ATTRIBUTES,
      sizeLimit: limit,
      timeLimit: Math.max(1, Math.ceil(config.timeoutMs / 1000)),
      paged: false,
    }),
  );
  return searchEntries
    .map(toDirectoryEntry)
    .filter((entry): entry is DirectoryEntry => entry !== null)
    .slice(0, limit);
}
