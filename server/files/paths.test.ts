// The Files path rule: an attack table of paths and names that must be refused (each with the
// problem its message names), the normal forms of valid paths, the path helpers, and
// resolveUnderRoot against real symlinks in a temporary folder.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import {
  baseName,
  isSameOrInside,
  joinUserPath,
  parentOf,
  parseFileName,
  parseUserPath,
  rebase,
  resolveUnderRoot,
  segmentsOf,
} from "@/server/files/paths";
import type { UserPath } from "@/server/files/storage";

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_REQUEST");
    return (error as AppError).userMessage;
  }
  throw new Error("expected a refusal");
}

const ATTACKS: Array<[string, string, RegExp]> = [
  ["relative dot-dot", "../etc/passwd", /start with \//],
  ["rooted dot-dot", "/../etc/passwd", /\. or \.\./],
  ["dot-dot past the root", "/a/../../etc/passwd", /\. or \.\./],
  ["dot-dot at the end", "/a/..", /\. or \.\./],
  ["single dot", "/a/./b", /\. or \.\./],
  ["percent-encoded dot-dot", "/%2e%2e/etc/passwd", /encoded/],
  ["upper-case percent-encoded dot-dot", "/%2E%2E/etc/passwd", /encoded/],
  ["half-encoded dot-dot", "/.%2e/etc", /encoded/],
  ["double-encoded dot-dot", "/%252e%252e/etc/passwd", /encoded/],
  ["triple-encoded dot-dot", "/%25252e%25252e/etc", /encoded/],
  ["encoded slash", "/..%2fetc%2fpasswd", /encoded/],
  ["double-encoded slash", "/a%252fb", /encoded/],
  ["encoded backslash", "/a%5cb", /encoded/],
  ["encoded NUL", "/a%00b", /encoded/],
  ["overlong UTF-8 dot", "/%c0%ae%c0%ae/etc", /encoded/],
  ["backslashes", "/a\\..\\..\\etc", /backslash/],
  ["Windows drive", "C:\\Windows\\win.ini", /Windows/],
  ["Windows drive with slashes", "c:/Windows/win.ini", /Windows/],
  ["UNC path", "\\\\server\\share", /Windows/],
  ["NUL byte", "/notes.txt\u0000.png", /NUL/],
  ["line feed", "/a\nb", /control/],
  ["carriage return", "/a\rb", /control/],
  ["escape", "/a\u001bb", /control/],
  ["DEL", "/a\u007fb", /control/],
  ["C1 control", "/a\u0085b", /control/],
  ["right-to-left override", "/invoice\u202egpj.exe", /direction/],
  ["trailing space", "/report ", /space/],
  ["leading space", "/ report", /space/],
  ["trailing dot", "/report.", /dot/],
  ["overlong path", `/${"a".repeat(5000)}`, /4096 bytes/],
  ["overlong path of short names", `/${Array.from({ length: 1000 }, () => "abcd").join("/")}`, /4096 bytes/],
  ["overlong name", `/${"é".repeat(200)}`, /255 bytes/],
  ["empty", "", /start with \//],
];

describe("parseUserPath refuses", () => {
  it.each(ATTACKS)("%s", (_name, input, message) => {
    expect(refusal(() => parseUserPath(input))).toMatch(message);
  });

  it("never echoes control characters in its message", () => {
    expect(refusal(() => parseUserPath("/a%00\u0007b"))).not.toMatch(/[\u0000-\u001f]/);
  });
});

describe("parseUserPath accepts and normalises", () => {
  it.each([
    ["/", "/"],
    ["//", "/"],
    ["/Reports/", "/Reports"],
    ["//Reports//2026///bilan.pdf", "/Reports/2026/bilan.pdf"],
    ["/Compte rendu (v2).docx", "/Compte rendu (v2).docx"],
    ["/50% remise.pdf", "/50% remise.pdf"],
    ["/100%25 done", "/100%25 done"],
    ["/.bashrc", "/.bashrc"],
    ["/a..b", "/a..b"],
    ["/C:", "/C:"],
    ["/日本語/ファイル.txt", "/日本語/ファイル.txt"],
  ])("%j → %j", (input, expected) => {
    expect(parseUserPath(input)).toBe(expected);
  });

  it("normalises to NFC, so both spellings of é are one path", () => {
    const decomposed = "/Re\u0301union.pdf";
    const composed = "/R\u00e9union.pdf";
    expect(parseUserPath(decomposed)).toBe(composed);
    expect(parseUserPath(composed)).toBe(composed);
  });

  it("accepts a name of exactly 255 bytes and a path of exactly 4096 bytes", () => {
    expect(parseUserPath(`/${"a".repeat(255)}`)).toHaveLength(256);
    const path4096 = `/${Array.from({ length: 16 }, () => "b".repeat(255)).join("/")}`;
    expect(Buffer.byteLength(path4096)).toBe(4096);
    expect(parseUserPath(path4096)).toBe(path4096);
  });
});

describe("parseFileName", () => {
  it.each([
    ["..", /not a valid name/],
    [".", /not a valid name/],
    ["../x", /\//],
    ["a/b", /\//],
    ["a\\b", /backslash/],
    ["", /empty/],
    ["x".repeat(300), /255 bytes/],
    ["%2e%2e", /encoded/],
    [" x", /space/],
  ])("refuses %j", (name, message) => {
    expect(refusal(() => parseFileName(name))).toMatch(message);
  });

  it("returns the NFC form", () => {
    expect(parseFileName("e\u0301te\u0301.txt")).toBe("\u00e9t\u00e9.txt");
  });
});

describe("helpers", () => {
  const p = (value: string) => parseUserPath(value);

  it("joins a folder and a checked name", () => {
    expect(joinUserPath(p("/"), "a.txt")).toBe("/a.txt");
    expect(joinUserPath(p("/Reports"), "a.txt")).toBe("/Reports/a.txt");
    expect(refusal(() => joinUserPath(p("/Reports"), ".."))).toMatch(/not a valid name/);
    expect(refusal(() => joinUserPath(p("/Reports"), "x/../../y"))).toMatch(/\//);
  });

  it("splits parent and name", () => {
    expect(parentOf(p("/"))).toBe("/");
    expect(parentOf(p("/a"))).toBe("/");
    expect(parentOf(p("/a/b/c.txt"))).toBe("/a/b");
    expect(baseName(p("/"))).toBe("");
    expect(baseName(p("/a/b/c.txt"))).toBe("c.txt");
    expect(segmentsOf(p("/"))).toEqual([]);
    expect(segmentsOf(p("/a/b"))).toEqual(["a", "b"]);
  });

  it("knows containment by whole names, not string prefixes", () => {
    expect(isSameOrInside(p("/a/b"), p("/a"))).toBe(true);
    expect(isSameOrInside(p("/a"), p("/a"))).toBe(true);
    expect(isSameOrInside(p("/ab"), p("/a"))).toBe(false);
    expect(isSameOrInside(p("/anything"), p("/"))).toBe(true);
  });

  it("rebases a path from one folder to another", () => {
    expect(rebase(p("/a/b/c"), p("/a"), p("/z"))).toBe("/z/b/c");
    expect(rebase(p("/a"), p("/a"), p("/z/y"))).toBe("/z/y");
    expect(rebase(p("/a/b"), p("/a"), p("/"))).toBe("/b");
    expect(rebase(p("/a/b"), p("/"), p("/z"))).toBe("/z/a/b");
  });
});

describe("resolveUnderRoot", () => {
  let base: string;
  let root: string;
  let outside: string;

  beforeAll(() => {
    base = mkdtempSync(path.join(tmpdir(), "files-paths-"));
    root = path.join(base, "root");
    outside = path.join(base, "outside");
    mkdirSync(path.join(root, "docs"), { recursive: true });
    mkdirSync(outside);
    writeFileSync(path.join(outside, "secret.txt"), "secret");
    writeFileSync(path.join(root, "docs", "a.txt"), "a");
    symlinkSync(outside, path.join(root, "escape"));
    symlinkSync(path.join(outside, "secret.txt"), path.join(root, "secret-link.txt"));
    symlinkSync(path.join(outside, "missing.txt"), path.join(root, "dangling.txt"));
    symlinkSync(path.join(root, "docs"), path.join(root, "docs-link"));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const notFound = async (promise: Promise<unknown>) => {
    await expect(promise).rejects.toMatchObject({ code: "NOT_FOUND" });
  };

  it("maps existing and future paths inside the root", async () => {
    const realRoot = await import("node:fs/promises").then((fs) => fs.realpath(root));
    expect(await resolveUnderRoot(root, parseUserPath("/"))).toBe(realRoot);
    expect(await resolveUnderRoot(root, parseUserPath("/docs/a.txt"))).toBe(path.join(realRoot, "docs", "a.txt"));
    expect(await resolveUnderRoot(root, parseUserPath("/docs/new/deeper.txt"))).toBe(
      path.join(realRoot, "docs", "new", "deeper.txt"),
    );
  });

  it("follows a symlink that stays inside the root", async () => {
    await expect(resolveUnderRoot(root, parseUserPath("/docs-link/a.txt"))).resolves.toContain("docs-link");
  });

  it("refuses a symlinked folder leading outside, for reads and for new files below it", async () => {
    await notFound(resolveUnderRoot(root, parseUserPath("/escape/secret.txt")));
    await notFound(resolveUnderRoot(root, parseUserPath("/escape/new.txt")));
    await notFound(resolveUnderRoot(root, parseUserPath("/escape")));
  });

  it("refuses a symlinked file pointing outside", async () => {
    await notFound(resolveUnderRoot(root, parseUserPath("/secret-link.txt")));
  });

  it("refuses a dangling symlink (writing through it would create a file outside)", async () => {
    await notFound(resolveUnderRoot(root, parseUserPath("/dangling.txt")));
  });

  it("refuses unvalidated strings that try to pass as a UserPath", async () => {
    await expect(resolveUnderRoot(root, "/../outside/secret.txt" as UserPath)).rejects.toBeInstanceOf(AppError);
  });
});
