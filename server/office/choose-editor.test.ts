import { describe, expect, it } from "vitest";
import { chooseEditor, isOfficeConfigured, openableExtensions } from "@/server/office/choose-editor";

const DEFAULT_FORMATS = ["docx", "xlsx", "pptx", "odt", "ods", "odp"];
const onlyOffice = {
  ONLYOFFICE_URL: "http://docs",
  ONLYOFFICE_JWT_SECRET: "s".repeat(32),
  WOPI_DISCOVERY_URL: undefined,
};
const wopi = {
  ONLYOFFICE_URL: undefined,
  ONLYOFFICE_JWT_SECRET: undefined,
  WOPI_DISCOVERY_URL: "http://cool/hosting/discovery",
};
const both = { ...onlyOffice, WOPI_DISCOVERY_URL: "http://cool/hosting/discovery" };
const neither = { ONLYOFFICE_URL: undefined, ONLYOFFICE_JWT_SECRET: undefined, WOPI_DISCOVERY_URL: undefined };

describe("chooseEditor", () => {
  it("opens everything OnlyOffice knows in OnlyOffice when it is the only editor", () => {
    const config = { ...onlyOffice, OFFICE_ONLYOFFICE_FORMATS: DEFAULT_FORMATS };
    for (const name of ["a.docx", "a.xlsx", "a.pptx", "a.odt", "a.ods", "a.odp", "a.doc", "a.csv", "a.rtf"]) {
      expect(chooseEditor(name, config)).toBe("onlyoffice");
    }
  });

  it("opens every office format in the WOPI client when it is the only editor", () => {
    const config = { ...wopi, OFFICE_ONLYOFFICE_FORMATS: DEFAULT_FORMATS };
    expect(chooseEditor("a.docx", config)).toBe("wopi");
    expect(chooseEditor("a.ppt", config)).toBe("wopi");
  });

  it("with both: OOXML and ODF in OnlyOffice by default, the rest in the WOPI client", () => {
    const config = { ...both, OFFICE_ONLYOFFICE_FORMATS: DEFAULT_FORMATS };
    expect(chooseEditor("Lettre.DOCX", config)).toBe("onlyoffice");
    expect(chooseEditor("a.ods", config)).toBe("onlyoffice");
    expect(chooseEditor("a.doc", config)).toBe("wopi");
    expect(chooseEditor("a.csv", config)).toBe("wopi");
  });

  it("follows OFFICE_ONLYOFFICE_FORMATS when both are configured", () => {
    const config = { ...both, OFFICE_ONLYOFFICE_FORMATS: ["xlsx"] };
    expect(chooseEditor("a.xlsx", config)).toBe("onlyoffice");
    expect(chooseEditor("a.docx", config)).toBe("wopi");
  });

  it("opens nothing that is not an office document, nor anything without an editor", () => {
    expect(chooseEditor("photo.png", { ...both, OFFICE_ONLYOFFICE_FORMATS: DEFAULT_FORMATS })).toBeNull();
    expect(chooseEditor("README", { ...both, OFFICE_ONLYOFFICE_FORMATS: DEFAULT_FORMATS })).toBeNull();
    expect(chooseEditor("a.docx", { ...neither, OFFICE_ONLYOFFICE_FORMATS: DEFAULT_FORMATS })).toBeNull();
  });

  it("derives the module's enablement and Files' openable extensions", () => {
    expect(isOfficeConfigured({ ...neither, OFFICE_ONLYOFFICE_FORMATS: DEFAULT_FORMATS })).toBe(false);
    expect(isOfficeConfigured({ ...wopi, OFFICE_ONLYOFFICE_FORMATS: DEFAULT_FORMATS })).toBe(true);
    expect(openableExtensions({ ...neither, OFFICE_ONLYOFFICE_FORMATS: DEFAULT_FORMATS })).toEqual([]);
    expect(openableExtensions({ ...onlyOffice, OFFICE_ONLYOFFICE_FORMATS: DEFAULT_FORMATS })).toContain("docx");
  });
});
