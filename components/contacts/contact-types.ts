/**
 * One definition of a personal contact as the contacts API sends and receives it, shared by the
 * server (integrations/carddav maps vCards to and from it) and the contacts page. Plain types.
 */

/** What a user edits: the vCard fields the portal shows (others in the card are kept untouched). */
export interface ContactFields {
  /** Full name (vCard FN). */
  name: string;
  givenName?: string;
  familyName?: string;
  emails: string[];
  phones: string[];
  /** Organisation (ORG, first component). */
  organization?: string;
  /** Service or ward (ORG, second component). */
  service?: string;
  /** Profession (TITLE). */
  profession?: string;
  note?: string;
}

export interface Contact extends ContactFields {
  /** Opaque id for /api/contacts/<id> (the card's location in the user's address book). */
  id: string;
  /** The version the client saw; sent back on update/delete so concurrent edits are detected. */
  etag: string;
  /** The address book's display name. */
  addressBook: string;
}
