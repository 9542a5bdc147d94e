/**
 * The user's personal address books on a CardDAV server (BlueMind, Radicale, Nextcloud…), reached
 * AS the user with their stored groupware login (tsdav for discovery, listing and writes).
 *
 *   - Discovery from CARDDAV_URL: /.well-known/carddav → current-user-principal →
 *     addressbook-home-set (RFC 6764, RFC 6352).
 *   - A user with no address book gets one ("Contacts") on first write, created with an extended
 *     MKCOL (RFC 5689; tsdav has no "make address book").
 *   - Every request has a deadline (one fetch wrapper with AbortSignal.timeout).
 *   - Updates and deletes carry the ETag the user saw (If-Match): a card changed elsewhere in the
 *     meantime answers CONFLICT instead of being overwritten.
 *   - Card ids are the card's path on the server, base64url-encoded; an id is only accepted when
 *     it names a card INSIDE one of this user's own address books (no reaching other paths).
 */
import "server-only";
import { DAVClient, type DAVAddressBook } from "tsdav";
import type { Contact, ContactFields } from "@/components/contacts/contact-types";
import { AppError } from "@/server/errors";
import { statusError, toCardDavError } from "./carddav-errors";
import { cachedListing, rememberListing } from "./listing-cache";
import { parseVCard, writeVCard } from "./vcard";

export interface CardDavConfig {
  /** CARDDAV_URL: the server root or the DAV endpoint (discovery finds the rest). */
  serverUrl: string;
  /** Per request, in ms. */
  timeoutMs: number;
}

export interface CardDavCredentials {
  login: string;
  password: string;
}

export interface AddressBook {
  url: string;
  name: string;
}

/** The largest vCard accepted from the server (a card with an embedded photo is ~100 KB). */
const MAX_CARD_CHARS = 1_000_000;

export function encodeContactId(cardUrl: string): string {
  return Buffer.from(new URL(cardUrl).pathname, "utf8").toString("base64url");
}

function decodeContactPath(id: string): string {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(id)) throw new AppError("BAD_REQUEST", { userMessage: "invalid contact id" });
  return Buffer.from(id, "base64url").toString("utf8");
}

export class CardDavSession {
  private books: DAVAddressBook[] | undefined;

  private constructor(
    private readonly client: DAVClient,
    private readonly authorization: string,
    private readonly timedFetch: typeof fetch,
    private readonly login: string,
  ) {}

  static async open(config: CardDavConfig, credentials: CardDavCredentials): Promise<CardDavSession> {
    const timedFetch: typeof fetch = (input, init) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(config.timeoutMs) });
    const client = new DAVClient({
      serverUrl: config.serverUrl,
      credentials: { username: credentials.login, password: credentials.password },
      authMethod: "Basic",
      defaultAccountType: "carddav",
      fetch: timedFetch,
    });
    try {
      await client.login();
    } catch (error) {
      throw toCardDavError(error);
    }
    const authorization = `Basic ${Buffer.from(`${credentials.login}:${credentials.password}`, "utf8").toString("base64")}`;
    return new CardDavSession(client, authorization, timedFetch, credentials.login);
  }

  async addressBooks(): Promise<AddressBook[]> {
    return (await this.davBooks()).map((book) => ({ url: book.url, name: bookName(book) }));
  }

  private async davBooks(): Promise<DAVAddressBook[]> {
    if (!this.books) {
      try {
        this.books = await this.client.fetchAddressBooks();
      } catch (error) {
        throw toCardDavError(error);
      }
    }
    return this.books;
  }

  /** The book new contacts go to: the first one, created ("Contacts") when there is none. */
  async defaultBook(): Promise<DAVAddressBook> {
    const books = await this.davBooks();
    if (books[0]) return books[0];
    const home = this.client.account?.homeUrl;
    if (!home)
      throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "the address book server has no home for you" });
    const url = new URL("contacts/", home.endsWith("/") ? home : `${home}/`).href;
    const response = await this.request(url, {
      method: "MKCOL",
      headers: { "content-type": "application/xml; charset=utf-8" },
      body:
        '<?xml version="1.0" encoding="utf-8"?>' +
        '<D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:carddav"><D:set><D:prop>' +
        "<D:resourcetype><D:collection/><C:addressbook/></D:resourcetype>" +
        "<D:displayname>Contacts</D:displayname>" +
        "</D:prop></D:set></D:mkcol>",
    });
    // 405: it exists already (created by a concurrent request).
    if (!response.ok && response.status !== 405) throw statusError(response.status, "create your address book");
    this.books = undefined;
    const created = (await this.davBooks())[0];
    if (!created) throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "the address book could not be created" });
    return created;
  }

  /** Every card of every address book of the user (a book unchanged since last time: from memory). */
  async listContacts(): Promise<Contact[]> {
    const books = await this.davBooks();
    const perBook = await Promise.all(
      books.map(async (book) => {
        const ctag = typeof book.ctag === "string" ? book.ctag : undefined;
        const cached = cachedListing(this.login, book.url, ctag);
        if (cached) return cached;
        try {
          const cards = await this.client.fetchVCards({ addressBook: book, useMultiGet: false });
          const contacts = cards.flatMap((card) => toContact(book, card.url, card.etag, card.data));
          rememberListing(this.login, book.url, ctag, contacts);
          return contacts;
        } catch (error) {
          throw toCardDavError(error);
        }
      }),
    );
    return perBook.flat();
  }

  async getContact(id: string): Promise<Contact> {
    const { book, url } = await this.locate(id);
    const { etag, data } = await this.fetchCard(url);
    const [contact] = toContact(book, url, etag, data);
    if (!contact) throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "this contact is not a readable vCard" });
    return contact;
  }

  async createContact(fields: ContactFields): Promise<Contact> {
    const book = await this.defaultBook();
    const uid = crypto.randomUUID();
    const url = new URL(`${uid}.vcf`, book.url.endsWith("/") ? book.url : `${book.url}/`).href;
    const data = writeVCard(fields, { uid });
    // If-None-Match: * — never replace a card that happens to be there.
    const response = await this.put(url, data, { "if-none-match": "*" });
    this.books = undefined; // the book's CTag changed
    if (!response.ok) throw statusError(response.status, "save this contact");
    const etag = response.headers.get("etag") ?? (await this.fetchCard(url)).etag;
    return { ...parseVCard(data), id: encodeContactId(url), etag, addressBook: bookName(book) };
  }

  async updateContact(id: string, etag: string, fields: ContactFields): Promise<Contact> {
    const { book, url } = await this.locate(id);
    const current = await this.fetchCard(url);
    if (current.etag !== etag) throw statusError(412, "save this contact");
    const data = writeVCard(fields, { existing: current.data });
    const response = await this.put(url, data, { "if-match": etag });
    this.books = undefined; // the book's CTag changed
    if (!response.ok) throw statusError(response.status, "save this contact");
    const newEtag = response.headers.get("etag") ?? (await this.fetchCard(url)).etag;
    return { ...parseVCard(data), id, etag: newEtag, addressBook: bookName(book) };
  }

  async deleteContact(id: string, etag: string): Promise<void> {
    const { url } = await this.locate(id);
    const response = await this.request(url, { method: "DELETE", headers: { "if-match": etag } });
    this.books = undefined; // the book's CTag changed
    if (!response.ok) throw statusError(response.status, "delete this contact");
  }

  /** The book and absolute URL of a card id, refused unless the card lies inside one of the user's books. */
  private async locate(id: string): Promise<{ book: DAVAddressBook; url: string }> {
    const cardPath = decodeContactPath(id);
    const books = await this.davBooks();
    for (const book of books) {
      const bookUrl = new URL(book.url);
      const bookPath = bookUrl.pathname.endsWith("/") ? bookUrl.pathname : `${bookUrl.pathname}/`;
      const rest = cardPath.startsWith(bookPath) ? cardPath.slice(bookPath.length) : null;
      if (rest && !rest.includes("/") && rest !== "." && rest !== ".." && !/[\u0000-\u001f?#]/.test(rest)) {
        const url = new URL(bookUrl.href);
        url.pathname = cardPath;
        if (url.pathname === cardPath) return { book, url: url.href };
      }
    }
    throw new AppError("NOT_FOUND", { userMessage: "this contact is not in your address books" });
  }

  private async fetchCard(url: string): Promise<{ etag: string; data: string }> {
    const response = await this.request(url, { method: "GET", headers: { accept: "text/vcard" } });
    if (!response.ok) throw statusError(response.status, "read this contact");
    const declared = Number(response.headers.get("content-length") ?? "0");
    if (declared > MAX_CARD_CHARS)
      throw new AppError("PAYLOAD_TOO_LARGE", { userMessage: "this contact is too large" });
    const data = await response.text();
    if (data.length > MAX_CARD_CHARS)
      throw new AppError("PAYLOAD_TOO_LARGE", { userMessage: "this contact is too large" });
    const etag = response.headers.get("etag");
    if (!etag)
      throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "the address book server sent no version (ETag)" });
    return { etag, data };
  }

  private put(url: string, data: string, headers: Record<string, string>): Promise<Response> {
    return this.request(url, {
      method: "PUT",
      headers: { "content-type": "text/vcard; charset=utf-8", ...headers },
      body: data,
    });
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.timedFetch(url, {
        ...init,
        redirect: "error",
        headers: { ...(init.headers as Record<string, string>), authorization: this.authorization },
      });
    } catch (error) {
      throw toCardDavError(error);
    }
  }
}

function bookName(book: DAVAddressBook): string {
  const name = typeof book.displayName === "string" ? book.displayName.trim() : "";
  if (name) return name;
  const segments = new URL(book.url).pathname.split("/").filter(Boolean);
  return decodeURIComponent(segments.at(-1) ?? "Contacts");
}

function toContact(book: DAVAddressBook, url: string, etag: string | undefined, data: unknown): Contact[] {
  if (typeof data !== "string" || data.length > MAX_CARD_CHARS || !etag) return [];
  try {
    return [{ ...parseVCard(data), id: encodeContactId(url), etag, addressBook: bookName(book) }];
  } catch {
    return []; // one broken card must not hide the others
  }
}
