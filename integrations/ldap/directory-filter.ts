/**
 * Builds the LDAP search filter for a people search from what a user typed, as filter OBJECTS
 * (ldapts' AndFilter/OrFilter/SubstringFilter), never by pasting text into a filter string: the
 * values travel BER-encoded as values, so `*`, `(`, `)`, `\` and NUL in the input are matched
 * literally and cannot change the filter's structure (RFC 4515 injection is impossible by
 * construction; `toString()` shows them escaped).
 *
 * Each word must match (AND) one of: the start of the given name, surname, mail, uid, service
 * (ou) or profession (title), or anywhere in the full name (cn: "Gall" finds "Loïc Le Gall").
 * OpenLDAP's caseIgnoreMatch folds case but not accents, so a word with accents is also tried
 * without them, and "helene" still finds "Hélène" through her mail (helene.leroux@…) — the
 * directory cannot match "helene" against cn "Hélène" itself: a documented limit.
 */
import "server-only";
import { AndFilter, EqualityFilter, type Filter, OrFilter, SubstringFilter } from "ldapts";

const PREFIX_ATTRIBUTES = ["givenName", "sn", "mail", "uid", "ou", "title"] as const;

export function stripAccents(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
}

/** The words of a query (at most 5, the rest is ignored: enough to name a person). */
export function queryWords(query: string): string[] {
  return query
    .normalize("NFC")
    .split(/\s+/u)
    .filter((word) => word.length > 0)
    .slice(0, 5);
}

function wordFilter(word: string): Filter {
  const variants = [...new Set([word, stripAccents(word)])];
  const filters: Filter[] = [];
  for (const variant of variants) {
    for (const attribute of PREFIX_ATTRIBUTES) {
      filters.push(new SubstringFilter({ attribute, initial: variant }));
    }
    filters.push(new SubstringFilter({ attribute: "cn", any: [variant] }));
  }
  return new OrFilter({ filters });
}

/** (&(objectClass=inetOrgPerson)(|…word 1…)(|…word 2…)) */
export function peopleFilter(query: string): Filter {
  const words = queryWords(query);
  if (words.length === 0) throw new Error("peopleFilter: empty query");
  return new AndFilter({
    filters: [new EqualityFilter({ attribute: "objectClass", value: "inetOrgPerson" }), ...words.map(wordFilter)],
  });
}
