/**
 * One definition of what the people search answers (GET /api/people), shared by the server that
 * builds it (server/contacts/people-search.ts) and every client that shows it (the people picker,
 * mail compose, agenda attendees, the contacts page). Plain types: no runtime code.
 */

/** Where a person was found: the organisation's directory (LDAP) or the user's own address book (CardDAV). */
export type PersonSource = "directory" | "contacts";

export interface Person {
  /** Stable within one answer: the lower-cased e-mail when there is one, else the source's id. */
  id: string;
  name: string;
  email?: string;
  /** Profession (LDAP `title`, vCard TITLE). */
  profession?: string;
  /** Service or ward (LDAP `ou`, vCard ORG unit). */
  service?: string;
  phone?: string;
  sources: PersonSource[];
}

export interface PeopleSearchResult {
  people: Person[];
  /** Sources that failed or timed out, or cannot be used by this user (not connected). */
  unavailable: PersonSource[];
  /** Why each unavailable source is: the UI offers "connect your account" for `not-connected`. */
  reasons?: Partial<Record<PersonSource, "not-connected" | "timeout" | "failed">>;
}
