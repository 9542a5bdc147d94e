// The CardDAV session against a real Radicale (scripts/standins/radicale.ts): discovery, the
// address book created on first write, create/list/read/update/delete keeping what the portal
// does not show, ETag conflicts, ids that try to leave the user's books, and each failure (wrong
// password, server down) as the error a caller reports.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRadicale, type RunningRadicale } from "@/scripts/standins/radicale";
import { freePort } from "@/test/services/process-probes";
import { CardDavSession, encodeContactId, type CardDavConfig } from "./carddav-session";

let radicale: RunningRadicale;
let config: CardDavConfig;
const alice = { login: "alice", password: "alice-pw" };
const bob = { login: "bob", password: "bob-pw" };

beforeAll(async () => {
  radicale = await startRadicale({ users: [alice, bob], failedLoginDelay: 0 });
  config = { serverUrl: radicale.url, timeoutMs: 5000 };
});
afterAll(async () => radicale?.stop());

const helene = {
  name: "Hélène Leroux",
  givenName: "Hélène",
  familyName: "Leroux",
  emails: ["helene.leroux@chu.test"],
  phones: ["+33 6 00 00 00 01"],
  organization: "CHU",
  service: "Cardiologie",
  profession: "médecin",
};

describe("CardDavSession", () => {
  it("creates the address book on first write, then lists, reads, updates and deletes a contact", async () => {
    const session = await CardDavSession.open(config, alice);
    expect(await session.addressBooks()).toEqual([]);
    expect(await session.listContacts()).toEqual([]);

    const created = await session.createContact(helene);
    expect(created).toMatchObject({ ...helene, addressBook: "Contacts" });
    expect(created.etag).toMatch(/^"/);
    expect(await session.addressBooks()).toEqual([{ url: `${radicale.url}alice/contacts/`, name: "Contacts" }]);

    const again = await CardDavSession.open(config, alice);
    const listed = await again.listContacts();
    expect(listed).toEqual([created]);
    expect(await again.getContact(created.id)).toEqual(created);

    const updated = await again.updateContact(created.id, created.etag, { ...helene, phones: [], note: "bip 4412" });
    expect(updated).toMatchObject({ phones: [], note: "bip 4412", id: created.id });
    expect(updated.etag).not.toBe(created.etag);
    expect(await again.getContact(created.id)).toEqual(updated);

    await again.deleteContact(updated.id, updated.etag);
    expect(await again.listContacts()).toEqual([]);
    await expect(again.getContact(updated.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses to overwrite or delete a contact changed elsewhere (ETag)", async () => {
    const session = await CardDavSession.open(config, alice);
    const created = await session.createContact({ name: "Loïc Le Gall", emails: ["loic@chu.test"], phones: [] });
    const changed = await session.updateContact(created.id, created.etag, {
      name: "Loïc Le Gall",
      emails: ["loic.legall@chu.test"],
      phones: [],
    });
    await expect(
      session.updateContact(created.id, created.etag, { name: "stale", emails: [], phones: [] }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(session.deleteContact(created.id, created.etag)).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await session.getContact(created.id)).emails).toEqual(["loic.legall@chu.test"]);
    await session.deleteContact(changed.id, changed.etag);
  });

  it("keeps the properties another client stored when the portal edits a card", async () => {
    const session = await CardDavSession.open(config, alice);
    const book = await session.defaultBook();
    const url = `${book.url}from-phone.vcf`;
    const card =
      "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:from-phone\r\nFN:Zoé Rousseau\r\nN:Rousseau;Zoé;;;\r\n" +
      "BDAY:1990-04-01\r\nX-PHONETIC-FIRST-NAME:Zoé\r\nEND:VCARD\r\n";
    const put = await fetch(url, {
      method: "PUT",
      headers: {
        authorization: `Basic ${Buffer.from("alice:alice-pw").toString("base64")}`,
        "content-type": "text/vcard",
      },
      body: card,
    });
    expect(put.status).toBe(201);
    const id = encodeContactId(url);
    const read = await session.getContact(id);
    await session.updateContact(id, read.etag, { ...read, profession: "infirmière" });
    const raw = await (
      await fetch(url, { headers: { authorization: `Basic ${Buffer.from("alice:alice-pw").toString("base64")}` } })
    ).text();
    expect(raw).toMatch(/BDAY[^:]*:1990-?04-?01/); // Radicale normalises the date; still there
    expect(raw).toContain("X-PHONETIC-FIRST-NAME:Zoé");
    expect(raw).toContain("TITLE:infirmière");
  });

  it("accepts only ids of cards inside the user's own address books", async () => {
    const mine = await CardDavSession.open(config, alice);
    const aliceCard = await mine.createContact({ name: "Privé", emails: [], phones: [] });
    const theirs = await CardDavSession.open(config, bob);
    await theirs.createContact({ name: "Bob's", emails: [], phones: [] });
    await expect(theirs.getContact(aliceCard.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const sneaky = (path: string) => Buffer.from(path).toString("base64url");
    for (const id of [
      sneaky("/bob/contacts/../../alice/contacts/x.vcf"),
      sneaky("/bob/contacts/"),
      sneaky("/bob/contacts/a/b.vcf"),
      sneaky("/bob/contacts/x.vcf?y"),
    ]) {
      await expect(theirs.getContact(id), id).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(theirs.getContact("not base64!")).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("says the password was refused, or the server is down", async () => {
    await expect(CardDavSession.open(config, { login: "alice", password: "wrong" })).rejects.toMatchObject({
      code: "GROUPWARE_NOT_CONNECTED",
    });
    const down = { serverUrl: `http://127.0.0.1:${await freePort()}/`, timeoutMs: 2000 };
    await expect(CardDavSession.open(down, alice)).rejects.toMatchObject({ code: "BACKEND_UNAVAILABLE" });
  });
});

describe("listing memo", () => {
  it("lists a book again only after it changed, so a change made elsewhere is always seen", async () => {
    const first = await CardDavSession.open(config, bob);
    const before = await first.listContacts();
    // Another process (another session) adds and then edits a card: the next listing sees both.
    const other = await CardDavSession.open(config, bob);
    const added = await other.createContact({ name: "Ajouté ailleurs", emails: [], phones: [] });
    const next = await CardDavSession.open(config, bob);
    expect((await next.listContacts()).map((c) => c.name).sort()).toEqual(
      [...before.map((c) => c.name), "Ajouté ailleurs"].sort(),
    );
    await other.updateContact(added.id, added.etag, { name: "Modifié ailleurs", emails: [], phones: [] });
    const last = await CardDavSession.open(config, bob);
    expect((await last.listContacts()).map((c) => c.name)).toContain("Modifié ailleurs");
    // Unchanged book: the same listing (served from memory) is equal to a fresh one.
    expect(await (await CardDavSession.open(config, bob)).listContacts()).toEqual(await last.listContacts());
  });
});
