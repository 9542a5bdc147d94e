// seedDemoContacts against a real Radicale: the address book appears with the demo people, the
// cards parse, and seeding again (every demo start) replaces instead of duplicating.
import { afterAll, beforeAll, expect, it } from "vitest";
import { CardDavSession } from "@/integrations/carddav/carddav-session";
import { startRadicale, type RunningRadicale } from "./radicale";
import { seedDemoContacts } from "./openldap";

let radicale: RunningRadicale;
// The demo logs into the stand-ins with e-mail addresses (scripts/demo/groupware.ts).
const account = { login: "alice.martin@demo.hopital.test", password: "demo" };

beforeAll(async () => {
  radicale = await startRadicale({ users: [account], failedLoginDelay: 0 });
});
afterAll(async () => radicale?.stop());

it("seeds a personal address book once, idempotently", async () => {
  expect(await seedDemoContacts(radicale.url, account)).toMatchObject({ contacts: 5 });
  await seedDemoContacts(radicale.url, account);
  const session = await CardDavSession.open({ serverUrl: radicale.url, timeoutMs: 5000 }, account);
  expect((await session.addressBooks()).map((book) => book.name)).toEqual(["Contacts"]);
  const contacts = await session.listContacts();
  expect(contacts.map((contact) => contact.name).sort()).toEqual([
    "Ambulances Lefort",
    "Dr Joëlle Marchand",
    "Hélène Leroux",
    "Pharmacie de garde Saint-Éloi",
    "Sébastien Noël",
  ]);
  expect(contacts.find((contact) => contact.name === "Ambulances Lefort")).toMatchObject({
    organization: "Ambulances Lefort",
    service: "Régulation",
    phones: ["+33 1 99 00 30 03"],
  });
});
