import { describe, expect, it } from "vitest";
import type { FileEntry } from "./api/types";
import { parseSortOrder, sortEntries } from "./sort-entries";

function entry(name: string, kind: "file" | "folder", size: number, lastModified: string): FileEntry {
  return {
    id: name,
    path: `/${name}`,
    name,
    kind,
    size,
    etag: '"1"',
    lastModified,
    contentType: kind === "file" ? "text/plain" : null,
    permissions: { read: true, write: true, create: true, delete: true, rename: true, share: true },
    hasPreview: false,
    favourite: false,
  };
}

const entries = [
  entry("Rapport 10.txt", "file", 10, "2026-01-03T00:00:00Z"),
  entry("rapport 2.txt", "file", 300, "2026-01-01T00:00:00Z"),
  entry("Été.txt", "file", 20, "2026-01-02T00:00:00Z"),
  entry("Zeta", "folder", 0, "2025-01-01T00:00:00Z"),
  entry("Alpha", "folder", 0, "2025-01-02T00:00:00Z"),
];

const names = (list: FileEntry[]) => list.map((item) => item.name);

describe("sortEntries", () => {
  it("puts folders first and compares names numerically, ignoring case and accents", () => {
    expect(names(sortEntries(entries, "name-asc", "fr"))).toEqual([
      "Alpha",
      "Zeta",
      "Été.txt",
      "rapport 2.txt",
      "Rapport 10.txt",
    ]);
    expect(names(sortEntries(entries, "name-desc", "fr"))).toEqual([
      "Zeta",
      "Alpha",
      "Rapport 10.txt",
      "rapport 2.txt",
      "Été.txt",
    ]);
  });

  it("sorts by size and by modification date", () => {
    expect(names(sortEntries(entries, "size-desc", "fr")).slice(2)).toEqual([
      "rapport 2.txt",
      "Été.txt",
      "Rapport 10.txt",
    ]);
    expect(names(sortEntries(entries, "modified-desc", "fr"))).toEqual([
      "Alpha",
      "Zeta",
      "Rapport 10.txt",
      "Été.txt",
      "rapport 2.txt",
    ]);
  });

  it("falls back to name order for unknown values", () => {
    expect(parseSortOrder("size-asc")).toBe("size-asc");
    expect(parseSortOrder("drop table")).toBe("name-asc");
    expect(parseSortOrder(null)).toBe("name-asc");
  });
});
