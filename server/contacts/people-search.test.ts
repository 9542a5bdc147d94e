// The people search's own logic on given source answers: matching ignoring case and accents,
// the merge by e-mail (directory enriched by the contact, both sources named), ranking, the cap,
// and a source that fails, is not connected, or never answers (the other still answers, in time).
import { describe, expect, it } from "vitest";
import type { Contact } from "@/components/contacts/contact-types";
import { AppError } from "@/server/errors";
import type { DirectoryEntry } from "@/integrations/ldap/search-directory";
import { searchPeople } from "./people-search";

const directory: DirectoryEntry[] = [
  {
    dn: "uid=helene.leroux,ou=people",
    name: "Hélène Leroux",
    email: "helene.leroux@chu.test",
    profession: "médecin",
    service: "Cardiologie",
  },
  { dn: "uid=michel.helet,ou=people", name: "Michel Hélet", email: "michel.helet@chu.test", service: "Urgences" },
];

function contact(fields: Partial<Contact> & { name: string }): Contact {
  return { id: fields.name, etag: '"1"', addressBook: "Contacts", emails: [], phones: [], ...fields };
}

const contacts: Contact[] = [
  contact({ name: "Helene L.", emails: ["HELENE.LEROUX@chu.test"], phones: ["+33 6 11"], profession: "cheffe" }),
  contact({ name: "Hélios Garage", emails: ["garage@helios.test", "atelier@helios.test"] }),
  contact({ name: "Sans Adresse Hélicon", phones: ["+33 6 22"] }),
  contact({ name: "Autre Personne", emails: ["autre@x.test"] }),
];

describe("searchPeople", () => {
  it("merges by e-mail, keeps the directory's fields, enriches with the contact's, and ranks", async () => {
    const result = await searchPeople(
      "hel",
      { directory: async () => directory, contacts: async () => contacts },
      { limit: 20 },
    );
    expect(result.unavailable).toEqual([]);
    expect(result.people).toEqual([
      {
        id: "helene.leroux@chu.test",
        name: "Hélène Leroux",
        email: "helene.leroux@chu.test",
        profession: "médecin",
        service: "Cardiologie",
        phone: "+33 6 11",
        sources: ["directory", "contacts"],
      },
      { id: "garage@helios.test", name: "Hélios Garage", email: "garage@helios.test", sources: ["contacts"] },
      { id: "atelier@helios.test", name: "Hélios Garage", email: "atelier@helios.test", sources: ["contacts"] },
      // name word (not the start of the full name) ranks after
      {
        id: "michel.helet@chu.test",
        name: "Michel Hélet",
        email: "michel.helet@chu.test",
        service: "Urgences",
        sources: ["directory"],
      },
      { id: "contact:Sans Adresse Hélicon", name: "Sans Adresse Hélicon", phone: "+33 6 22", sources: ["contacts"] },
    ]);
  });

  it("needs every word, matches services and e-mails, and caps", async () => {
    const sources = { contacts: async () => contacts };
    expect((await searchPeople("helios atelier", sources, { limit: 20 })).people.map((p) => p.email)).toEqual([
      "atelier@helios.test",
    ]);
    expect((await searchPeople("cheffe", sources, { limit: 20 })).people).toHaveLength(1);
    expect((await searchPeople("hel", sources, { limit: 2 })).people).toHaveLength(2);
    expect((await searchPeople("zzz", sources, { limit: 20 })).people).toEqual([]);
  });

  it("answers from the contacts when the directory fails, and says so", async () => {
    const result = await searchPeople(
      "autre",
      {
        directory: async () => {
          throw new AppError("BACKEND_UNAVAILABLE");
        },
        contacts: async () => contacts,
      },
      { limit: 20 },
    );
    expect(result).toMatchObject({ unavailable: ["directory"], reasons: { directory: "failed" } });
    expect(result.people.map((person) => person.name)).toEqual(["Autre Personne"]);
  });

  it("answers from the directory when the user has not connected their account", async () => {
    const result = await searchPeople(
      "michel",
      {
        directory: async () => directory.slice(1),
        contacts: async () => {
          throw new AppError("GROUPWARE_NOT_CONNECTED");
        },
      },
      { limit: 20 },
    );
    expect(result).toMatchObject({ unavailable: ["contacts"], reasons: { contacts: "not-connected" } });
    expect(result.people).toHaveLength(1);
  });

  it("does not wait for a source that never answers beyond its deadline", async () => {
    const started = Date.now();
    const result = await searchPeople(
      "autre",
      { directory: () => new Promise<never>(() => undefined), contacts: async () => contacts },
      { limit: 20, deadlineMs: 150 },
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result).toMatchObject({ unavailable: ["directory"], reasons: { directory: "timeout" } });
    expect(result.people).toHaveLength(1);
  });

  it("asks only the configured sources", async () => {
    expect(await searchPeople("hel", {}, { limit: 20 })).toEqual({ people: [], unavailable: [] });
  });
});
