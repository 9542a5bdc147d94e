import { describe, expect, it } from "vitest";
import { iconFamily, previewKind, primaryAction } from "./file-kind";
import { formatBytes } from "./format-bytes";
import { isSameOrInside, isValidName, joinPath, parentOf, pathSegments } from "./file-paths";

const file = (name: string, contentType: string | null) => ({ kind: "file" as const, name, contentType });

describe("primaryAction", () => {
  it("opens folders, previews images/PDF/text and downloads everything else", () => {
    expect(primaryAction({ kind: "folder", name: "Rapports", contentType: null })).toBe("open-folder");
    expect(primaryAction(file("scan.png", "image/png"))).toBe("preview");
    expect(primaryAction(file("cr.pdf", "application/pdf"))).toBe("preview");
    expect(primaryAction(file("notes.txt", "text/plain; charset=utf-8"))).toBe("preview");
    expect(primaryAction(file("archive.zip", "application/zip"))).toBe("download");
  });

  it("downloads office documents when no office editor opens them", () => {
    for (const name of ["lettre.docx", "budget.xlsx", "cours.pptx", "note.odt", "tab.ods", "pres.odp"]) {
      expect(primaryAction(file(name, "application/octet-stream"))).toBe("download");
      expect(primaryAction(file(name, "application/octet-stream"), new Set(["pdf"]))).toBe("download");
      expect(iconFamily(file(name, null))).toBe("document");
    }
  });

  it("opens office documents in the editor for the extensions the portal's editor opens", () => {
    const office = new Set(["docx", "xlsx", "pptx", "odt", "ods", "odp"]);
    for (const name of ["lettre.docx", "Budget.XLSX", "cours.pptx", "note.odt", "tab.ods", "pres.odp"]) {
      expect(primaryAction(file(name, "application/octet-stream"), office)).toBe("open-office");
    }
    expect(primaryAction(file("vieux.doc", null), office)).toBe("download");
    expect(primaryAction({ kind: "folder", name: "dossier.docx", contentType: null }, office)).toBe("open-folder");
  });

  it("never previews SVG (it can carry script)", () => {
    expect(previewKind(file("logo.svg", "image/svg+xml"))).toBeNull();
  });
});

describe("formatBytes", () => {
  it("uses the reader's language and decimal units", () => {
    expect(formatBytes(0, "en")).toBe("0 byte");
    expect(formatBytes(1500, "en")).toBe("1.5 kB");
    expect(formatBytes(15_000_000, "fr")).toMatch(/^15\sMo$/);
    expect(formatBytes(250_000_000, "en")).toBe("250 MB");
  });
});

describe("file paths", () => {
  it("joins, splits and compares", () => {
    expect(joinPath("/", "a")).toBe("/a");
    expect(joinPath("/a", "b")).toBe("/a/b");
    expect(parentOf("/a/b")).toBe("/a");
    expect(parentOf("/a")).toBe("/");
    expect(pathSegments("/a/b")).toEqual([
      { name: "a", path: "/a" },
      { name: "b", path: "/a/b" },
    ]);
    expect(isSameOrInside("/a/b", "/a")).toBe(true);
    expect(isSameOrInside("/ab", "/a")).toBe(false);
  });

  it("refuses names the server would refuse", () => {
    for (const bad of ["", " ", "a/b", "a\\b", "..", ".", " x", "x\u0000", "é".repeat(200)]) {
      expect(isValidName(bad), bad).toBe(false);
    }
    expect(isValidName("Compte rendu 2026.pdf")).toBe(true);
  });
});
