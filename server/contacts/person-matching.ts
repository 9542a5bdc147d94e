/**
 * How a typed query matches and ranks people, the same for every source: case and accents
 * ignored ("helene" finds "Hélène"), every word of the query must start a word of the person's
 * names, e-mail, service, profession or organisation. Rank: the full name starting with the
 * query first, then a name word or the e-mail starting with it, then the rest (service,
 * profession…); ties in French alphabetical order.
 */
import "server-only";

export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().normalize("NFC");
}

function words(text: string): string[] {
  return fold(text)
    .split(/[\s.,;:_@'’()/-]+/u)
    .filter(Boolean);
}

export function queryTerms(query: string): string[] {
  return words(query).slice(0, 5);
}

export interface Matchable {
  name: string;
  emails: string[];
  others: Array<string | undefined>;
}

export function matches(terms: string[], person: Matchable): boolean {
  if (terms.length === 0) return false;
  const haystack = [
    ...words(person.name),
    ...person.emails.flatMap((email) => [fold(email), ...words(email)]),
    ...person.others.flatMap((value) => (value ? words(value) : [])),
  ];
  return terms.every((term) => haystack.some((word) => word.startsWith(term)));
}

/** 0 = best. */
export function rank(query: string, person: { name: string; email?: string }): number {
  const folded = fold(query.trim());
  const name = fold(person.name);
  if (name.startsWith(folded)) return 0;
  const first = queryTerms(query)[0] ?? folded;
  if (words(person.name).some((word) => word.startsWith(first))) return 1;
  if (person.email && fold(person.email).startsWith(first)) return 1;
  return 2;
}

const collator = new Intl.Collator("fr", { sensitivity: "base" });

export function byRankThenName<T extends { name: string; email?: string }>(query: string): (a: T, b: T) => number {
  return (a, b) => rank(query, a) - rank(query, b) || collator.compare(a.name, b.name);
}
