/**
 * A per-process memo of address book listings, checked against the server on every use: a book
 * is listed again only when its CTag (the collection's version, RFC 6352 / calendarserver
 * getctag) differs from the one it was listed at. The people search lists the user's contacts on
 * every keystroke; without this, a 300-card book costs a full REPORT each time (~0.3–2 s on
 * Radicale), with it one PROPFIND. Never stale (the CTag is asked each time), so several portal
 * processes behind a load balancer stay correct; each only keeps its own copy.
 *
 * Bounded: at most MAX_BOOKS listings, least recently used dropped first. Keyed by login and book
 * URL, so one person's cards are never served to another.
 */
import "server-only";
import type { Contact } from "@/components/contacts/contact-types";

const MAX_BOOKS = 500;

interface Entry {
  ctag: string;
  contacts: Contact[];
}

const entries = new Map<string, Entry>();

function keyOf(login: string, bookUrl: string): string {
  return `${login}\n${bookUrl}`;
}

/** The memoised listing when the book is still at `ctag`. */
export function cachedListing(login: string, bookUrl: string, ctag: string | undefined): Contact[] | undefined {
  if (!ctag) return undefined;
  const key = keyOf(login, bookUrl);
  const entry = entries.get(key);
  if (!entry || entry.ctag !== ctag) return undefined;
  entries.delete(key); // refresh its place in the LRU order
  entries.set(key, entry);
  return entry.contacts;
}

export function rememberListing(login: string, bookUrl: string, ctag: string | undefined, contacts: Contact[]): void {
  if (!ctag) return;
  const key = keyOf(login, bookUrl);
  entries.delete(key);
  entries.set(key, { ctag, contacts });
  while (entries.size > MAX_BOOKS) {
    const oldest = entries.keys().next().value;
    if (oldest === undefined) break;
    entries.delete(oldest);
  }
}
