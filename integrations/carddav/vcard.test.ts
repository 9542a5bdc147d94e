// vCard parsing and writing: 3.0 and 4.0 cards read into contact fields (escaping, compound N and
// ORG, mailto:/tel: URIs), new cards written as 3.0 that parse back the same, and an edit that
// keeps what the portal does not show (PHOTO, ADR, parameters).
import { describe, expect, it } from "vitest";
import { InvalidVCardError, parseVCard, vCardUid, writeVCard } from "./vcard";

const V3 = [
  "BEGIN:VCARD",
  "VERSION:3.0",
  "UID:card-1",
  "FN:Hélène Leroux",
  "N:Leroux;Hélène;;Dr;",
  "EMAIL;TYPE=INTERNET,WORK:helene.leroux@chu.test",
  "EMAIL;TYPE=HOME:helene@perso.test",
  "TEL;TYPE=CELL:+33 6 00 00 00 01",
  "ORG:CHU de Démo;Cardiologie",
  "TITLE:médecin",
  "NOTE:Garde le mardi\\, astreinte\\nle jeudi",
  "ADR;TYPE=WORK:;;1 rue de l'Hôpital;Rennes;;35000;France",
  "PHOTO;VALUE=URI:https://example.test/p.jpg",
  "END:VCARD",
  "",
].join("\r\n");

const V4 = [
  "BEGIN:VCARD",
  "VERSION:4.0",
  "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1",
  "FN:Loïc Le Gall",
  "N:Le Gall;Loïc;;;",
  "EMAIL;TYPE=work:loic.legall@chu.test",
  'TEL;VALUE=uri;TYPE="voice,work":tel:+33-1-99-00-20-02',
  "END:VCARD",
  "",
].join("\r\n");

describe("parseVCard", () => {
  it("reads a vCard 3.0 with escapes, compound names and organisation", () => {
    expect(parseVCard(V3)).toEqual({
      name: "Hélène Leroux",
      givenName: "Hélène",
      familyName: "Leroux",
      emails: ["helene.leroux@chu.test", "helene@perso.test"],
      phones: ["+33 6 00 00 00 01"],
      organization: "CHU de Démo",
      service: "Cardiologie",
      profession: "médecin",
      note: "Garde le mardi, astreinte\nle jeudi",
    });
    expect(vCardUid(V3)).toBe("card-1");
  });

  it("reads a vCard 4.0 with tel: URIs", () => {
    expect(parseVCard(V4)).toEqual({
      name: "Loïc Le Gall",
      givenName: "Loïc",
      familyName: "Le Gall",
      emails: ["loic.legall@chu.test"],
      phones: ["+33-1-99-00-20-02"],
    });
  });

  it("falls back to the names, then the e-mail, when FN is missing", () => {
    const card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Durand;Bruno;;;\r\nEND:VCARD\r\n";
    expect(parseVCard(card).name).toBe("Bruno Durand");
    const mailOnly = "BEGIN:VCARD\r\nVERSION:3.0\r\nEMAIL:x@y.test\r\nEND:VCARD\r\n";
    expect(parseVCard(mailOnly).name).toBe("x@y.test");
  });

  it("refuses what is not a vCard", () => {
    expect(() => parseVCard("hello")).toThrow(InvalidVCardError);
    expect(() => parseVCard("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")).toThrow(InvalidVCardError);
  });
});

describe("writeVCard", () => {
  it("writes a new vCard 3.0 that reads back the same, special characters escaped", () => {
    const fields = {
      name: "Bénédicte Fauré, cadre; de santé",
      givenName: "Bénédicte",
      familyName: "Fauré",
      emails: ["benedicte.faure@chu.test"],
      phones: ["+33 1 99 00 20 01"],
      organization: "CHU",
      service: "Cardiologie",
      profession: "cadre de santé",
      note: "ligne 1\nligne 2",
    };
    const card = writeVCard(fields, { uid: "new-1" });
    expect(card).toMatch(/^BEGIN:VCARD\r\nVERSION:3\.0\r\nUID:new-1\r\n/);
    expect(card).toContain("FN:Bénédicte Fauré\\, cadre");
    expect(parseVCard(card)).toEqual(fields);
  });

  it("edits a card and keeps the properties and parameters the portal does not show", () => {
    const edited = writeVCard(
      { ...parseVCard(V3), profession: "cheffe de service", emails: ["h.leroux@chu.test"], note: undefined },
      { existing: V3 },
    );
    expect(parseVCard(edited)).toMatchObject({ profession: "cheffe de service", emails: ["h.leroux@chu.test"] });
    expect(parseVCard(edited).note).toBeUndefined();
    expect(edited).toContain("UID:card-1");
    expect(edited).toContain("ADR;TYPE=WORK:;;1 rue de l'Hôpital;Rennes;;35000;France");
    expect(edited).toContain("PHOTO;VALUE=URI:https://example.test/p.jpg");
    expect(edited).toMatch(/EMAIL;TYPE=INTERNET,WORK:h\.leroux@chu\.test/);
  });
});
