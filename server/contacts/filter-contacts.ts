/**
 * Filters and sorts the user's own contacts for the contacts page, with the people search's
 * matching (case and accents ignored, every word starting a word of the contact).
 */
import "server-only";
import type { Contact } from "@/components/contacts/contact-types";
import { byRankThenName, matches, queryTerms } from "./person-matching";

const collator = new Intl.Collator("fr", { sensitivity: "base" });

export function filterContacts(contacts: Contact[], query: string): Contact[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [...contacts].sort((a, b) => collator.compare(a.name, b.name));
  return contacts
    .filter((contact) =>
      matches(terms, {
        name: contact.name,
        emails: contact.emails,
        others: [contact.givenName, contact.familyName, contact.service, contact.profession, contact.organization],
      }),
    )
    .sort(byRankThenName(query));
}
