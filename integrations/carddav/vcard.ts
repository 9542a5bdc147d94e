/**
 * vCard 3.0/4.0 to and from the portal's contact fields, with ical.js (already the project's
 * iCalendar parser for the agenda; it has a full vCard 3 and 4 design set, RFC 6350 escaping and
 * line folding, so no second parser is needed).
 *
 * Writing UPDATES the card it was read from: properties the portal does not show (PHOTO, ADR,
 * BDAY, X-…) and parameters stay as they were, so editing in the portal never loses what another
 * client stored. New cards are written as vCard 3.0, which every CardDAV server (BlueMind,
 * Radicale, Nextcloud, iOS) reads.
 */
import "server-only";
import ICAL from "ical.js";
import type { ContactFields } from "@/components/contacts/contact-types";

export class InvalidVCardError extends Error {
  override name = "InvalidVCardError";
}

function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

function component(vcard: string): ICAL.Component {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(vcard);
  } catch (error) {
    throw new InvalidVCardError(`not a vCard: ${(error as Error).message}`);
  }
  // A file may hold several cards; a CardDAV resource holds exactly one.
  const first = Array.isArray(parsed) && typeof parsed[0] === "string" ? parsed : (parsed as unknown[])[0];
  const card = new ICAL.Component(first as unknown[]);
  if (card.name !== "vcard") throw new InvalidVCardError(`not a vCard: ${card.name}`);
  return card;
}

/** The UID of a card, if any. */
export function vCardUid(vcard: string): string | undefined {
  return text(component(vcard).getFirstPropertyValue("uid"));
}

export function parseVCard(vcard: string): ContactFields {
  const card = component(vcard);
  const n = card.getFirstPropertyValue("n") as unknown;
  const nParts = Array.isArray(n) ? n.map((part) => (Array.isArray(part) ? part.join(" ") : String(part ?? ""))) : [];
  const familyName = text(nParts[0]);
  const givenName = text(nParts[1]);
  const org = card.getFirstProperty("org")?.getValues()[0] as unknown;
  const orgParts = Array.isArray(org) ? org.map(String) : typeof org === "string" ? org.split(";") : [];
  const emails = card
    .getAllProperties("email")
    .map((property) => text(property.getFirstValue()))
    .filter((value): value is string => value !== undefined)
    .map((value) => value.replace(/^mailto:/i, ""));
  const phones = card
    .getAllProperties("tel")
    .map((property) => text(property.getFirstValue()))
    .filter((value): value is string => value !== undefined)
    .map((value) => value.replace(/^tel:/i, ""));
  const name =
    text(card.getFirstPropertyValue("fn")) ??
    ([givenName, familyName].filter(Boolean).join(" ") || undefined) ??
    emails[0] ??
    text(card.getFirstPropertyValue("org")) ??
    "";
  const organization = text(orgParts[0]);
  const service = text(orgParts[1]);
  const profession = text(card.getFirstPropertyValue("title"));
  const note = text(card.getFirstPropertyValue("note"));
  return {
    name,
    ...(givenName ? { givenName } : {}),
    ...(familyName ? { familyName } : {}),
    emails,
    phones,
    ...(organization ? { organization } : {}),
    ...(service ? { service } : {}),
    ...(profession ? { profession } : {}),
    ...(note ? { note } : {}),
  };
}

function setSingle(card: ICAL.Component, name: string, value: string | undefined): void {
  card.removeAllProperties(name);
  if (value !== undefined && value !== "") card.addPropertyWithValue(name, value);
}

/** Replaces all `name` properties by `values`, keeping the parameters (TYPE=WORK…) of those that stay. */
function setMany(card: ICAL.Component, name: string, values: string[]): void {
  const previous = card.getAllProperties(name);
  card.removeAllProperties(name);
  values.forEach((value, index) => {
    const property = new ICAL.Property(name, card);
    const old = previous[index];
    if (old) {
      for (const [parameter, parameterValue] of Object.entries(old.toJSON()[1] as Record<string, string>)) {
        property.setParameter(parameter, parameterValue);
      }
    } else if (name === "email") {
      property.setParameter("type", "INTERNET");
    }
    property.setValue(value);
    card.addProperty(property);
  });
}

/**
 * Writes `fields` into `existing` (kept otherwise) or into a new vCard 3.0 with `uid`.
 * Returns the card's text.
 */
export function writeVCard(fields: ContactFields, options: { existing?: string; uid?: string }): string {
  let card: ICAL.Component;
  if (options.existing !== undefined) {
    card = component(options.existing);
  } else {
    card = new ICAL.Component("vcard");
    card.addPropertyWithValue("version", "3.0");
    card.addPropertyWithValue("uid", options.uid ?? crypto.randomUUID());
  }
  setSingle(card, "fn", fields.name);
  card.removeAllProperties("n");
  const n = new ICAL.Property("n", card);
  n.setValue([fields.familyName ?? "", fields.givenName ?? "", "", "", ""] as unknown as string);
  card.addProperty(n);
  setMany(card, "email", fields.emails);
  setMany(card, "tel", fields.phones);
  card.removeAllProperties("org");
  if (fields.organization || fields.service) {
    const org = new ICAL.Property("org", card);
    org.setValue([fields.organization ?? "", ...(fields.service ? [fields.service] : [])] as unknown as string);
    card.addProperty(org);
  }
  setSingle(card, "title", fields.profession);
  setSingle(card, "note", fields.note);
  // A REV from before this edit would now be false; the server's ETag says the version.
  card.removeAllProperties("rev");
  return card.toString() + "\r\n";
}
