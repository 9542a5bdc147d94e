/**
 * The one rule for what a Files path is, and the one place adapters turn it into a disk path.
 *
 * Every route runs what a client sends through `parseUserPath` before any storage sees it, so a
 * `UserPath` is always: `/`-rooted, NFC-normalised, without empty segments (`//` collapses, a
 * trailing `/` goes), and built only of names a person could type. Why so strict: the same path
 * travels to disk (local adapter), into WebDAV URLs (Nextcloud), into ZIP entries and
 * Content-Disposition headers; a name that is harmless in one of those places (`..`, `a\b`,
 * `%2e%2e`, NUL, a trailing dot on a Windows sync client) is a traversal or a spoof in another.
 * Refusing it once, here, with a message naming the problem, is simpler than escaping it right
 * in every later layer.
 *
 * Percent signs: the API takes DECODED paths (query strings and JSON are decoded once by the
 * parsers). A literal `%` in a name is fine (`50% remise.pdf`), but any `%XX` triplet that decodes
 * — once or through repeated `%25` decoding — to `.`, `/`, `\`, `%`-escapes of those, NUL or a
 * control character, or to the overlong UTF-8 lead bytes 0xC0/0xC1, is refused: a legitimate
 * name never holds one, and a layer further down (a proxy, a WebDAV server) decoding once more
 * would turn it into `..` or a separator.
 *
 * `resolveUnderRoot` is the adapters' defence in depth: it maps a UserPath to a disk path and
 * refuses anything whose real location (symlinks followed) is not inside the root.
 */
import "server-only";
import { lstat, realpath } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/server/errors";
import type { UserPath } from "@/server/files/storage";

/** Longest path accepted, in UTF-8 bytes (PATH_MAX on Linux). */
export const MAX_PATH_BYTES = 4096;
/** Longest name accepted, in UTF-8 bytes (NAME_MAX on Linux, ext4, and Nextcloud's limit). */
export const MAX_NAME_BYTES = 255;

export const ROOT_PATH = "/" as UserPath;

/** C0 and C1 control characters and DEL. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/u;
/** Bidirectional overrides and isolates: they make `gpj.exe` display as `exe.jpg`. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
const PERCENT_TRIPLET = /%([0-9a-fA-F]{2})/g;

function refuse(message: string): never {
  throw new AppError("BAD_REQUEST", { userMessage: message });
}

function utf8Length(value: string): number {
  return Buffer.byteLength(value, "utf8");
}

/** True when a byte, reached by percent-decoding, must never appear encoded in a name. */
function isDangerousEncodedByte(byte: number): boolean {
  return (
    byte <= 0x1f ||
    byte === 0x7f ||
    byte === 0x2e /* . */ ||
    byte === 0x2f /* / */ ||
    byte === 0x5c /* \ */ ||
    byte === 0xc0 ||
    byte === 0xc1 /* overlong UTF-8 leads (%c0%ae is `.`) */
  );
}

/** Refuses encoded separators, dots and controls, following `%25` double (and deeper) encoding. */
function checkPercentEncoding(name: string): void {
  let current = name;
  for (let depth = 0; depth < 4 && current.includes("%"); depth += 1) {
    let sawEncodedPercent = false;
    for (const match of current.matchAll(PERCENT_TRIPLET)) {
      const byte = Number.parseInt(match[1] as string, 16);
      if (isDangerousEncodedByte(byte))
        refuse(`the name "${visible(name)}" holds an encoded dot, slash or control character`);
      if (byte === 0x25) sawEncodedPercent = true;
    }
    if (!sawEncodedPercent) return;
    current = current.replace(/%25/g, "%");
  }
}

/** A name as it may be quoted in an error message (controls shown as �, capped). */
function visible(name: string): string {
  const shown = name.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu, "\ufffd");
  return shown.length > 60 ? `${shown.slice(0, 57)}…` : shown;
}

/**
 * Validates one name (a path segment, or the new name of a rename). Returns it NFC-normalised;
 * throws BAD_REQUEST naming the problem.
 */
export function parseFileName(input: string): string {
  if (typeof input !== "string") refuse("a name must be a string");
  const name = input.normalize("NFC");
  if (name.length === 0) refuse("a name cannot be empty");
  if (name === "." || name === "..") refuse(`"${name}" is not a valid name`);
  if (name.includes("/")) refuse("a name cannot contain /");
  if (name.includes("\\")) refuse("a name cannot contain a backslash");
  if (CONTROL_CHARACTER.test(name)) refuse("a name cannot contain control characters (NUL, line breaks…)");
  if (BIDI_CONTROL.test(name)) refuse("a name cannot contain text-direction control characters");
  if (name.trim() !== name) refuse(`the name "${visible(name)}" starts or ends with a space`);
  if (name.endsWith(".")) refuse(`the name "${visible(name)}" ends with a dot`);
  if (utf8Length(name) > MAX_NAME_BYTES) refuse(`a name is limited to ${MAX_NAME_BYTES} bytes`);
  checkPercentEncoding(name);
  return name;
}

/**
 * Validates a path a client sent (`/`, `/Reports`, `/Reports/2026 bilan.pdf`) and returns its
 * normal form. Throws BAD_REQUEST naming the problem.
 */
export function parseUserPath(input: string): UserPath {
  if (typeof input !== "string") refuse("a path must be a string");
  if (utf8Length(input) > MAX_PATH_BYTES) refuse(`a path is limited to ${MAX_PATH_BYTES} bytes`);
  const value = input.normalize("NFC");
  if (/^[a-zA-Z]:/.test(value) || value.startsWith("\\\\")) refuse("Windows paths are not accepted; use /folder/name");
  if (value.includes("\\")) refuse("a path cannot contain a backslash; use /");
  if (value.includes("\u0000")) refuse("a path cannot contain a NUL character");
  if (!value.startsWith("/")) refuse("a path must start with /");
  const segments = value.split("/").filter((segment) => segment.length > 0);
  for (const segment of segments) {
    if (segment === "." || segment === "..") refuse("a path cannot contain . or .. segments");
    parseFileName(segment);
  }
  const normal = `/${segments.join("/")}`;
  if (utf8Length(normal) > MAX_PATH_BYTES) refuse(`a path is limited to ${MAX_PATH_BYTES} bytes`);
  return normal as UserPath;
}

/** `folder` + `/` + a validated `name`. */
export function joinUserPath(folder: UserPath, name: string): UserPath {
  const checked = parseFileName(name);
  const joined = folder === "/" ? `/${checked}` : `${folder}/${checked}`;
  if (utf8Length(joined) > MAX_PATH_BYTES) refuse(`a path is limited to ${MAX_PATH_BYTES} bytes`);
  return joined as UserPath;
}

/** The folder holding `target` (`/` for a top-level entry and for `/` itself). */
export function parentOf(target: UserPath): UserPath {
  const index = target.lastIndexOf("/");
  return (index <= 0 ? "/" : target.slice(0, index)) as UserPath;
}

/** The last name of `target`; "" for `/`. */
export function baseName(target: UserPath): string {
  return target.slice(target.lastIndexOf("/") + 1);
}

/** The names of `target` from the root: `/a/b` → ["a", "b"]; `/` → []. */
export function segmentsOf(target: UserPath): string[] {
  return target === "/" ? [] : target.slice(1).split("/");
}

/** True when `target` is `folder` itself or below it (a folder cannot move into itself). */
export function isSameOrInside(target: UserPath, folder: UserPath): boolean {
  return target === folder || folder === "/" || target.startsWith(`${folder}/`);
}

/** `target` re-rooted from `from` to `to` (`/a/b/c`, `/a`, `/z` → `/z/b/c`); `target` must be inside `from`. */
export function rebase(target: UserPath, from: UserPath, to: UserPath): UserPath {
  if (target === from) return to;
  const rest = from === "/" ? target : target.slice(from.length);
  return (to === "/" ? rest : `${to}${rest}`) as UserPath;
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * The disk path of `userPath` under `root`, refused (NOT_FOUND: no hint of what lies outside)
 * when its real location — following any symlink of the deepest existing ancestor, or of the
 * target itself when it exists — is not inside the root's real location. The target need not
 * exist (writes, new folders).
 */
export async function resolveUnderRoot(root: string, userPath: UserPath): Promise<string> {
  const realRoot = await realpath(root);
  const segments = segmentsOf(userPath);
  for (const segment of segments) {
    if (
      segment === "." ||
      segment === ".." ||
      segment.includes("/") ||
      segment.includes("\\") ||
      segment.includes("\u0000")
    )
      refuse("invalid path");
  }
  const candidate = path.join(realRoot, ...segments);
  if (!isInside(candidate, realRoot)) throw new AppError("NOT_FOUND");
  // Walk up to the deepest part that exists and check where it really is.
  let existing = candidate;
  for (;;) {
    try {
      const real = await realpath(existing);
      if (!isInside(real, realRoot)) throw new AppError("NOT_FOUND", { message: "path escapes the storage root" });
      break;
    } catch (error: unknown) {
      if (error instanceof AppError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") throw error;
      // A dangling symlink: realpath fails, but writing through it would land wherever it points.
      if (
        await lstat(existing).then(
          (stats) => stats.isSymbolicLink(),
          () => false,
        )
      )
        throw new AppError("NOT_FOUND", { message: "path goes through a dangling symlink" });
      if (existing === realRoot) break;
      existing = path.dirname(existing);
    }
  }
  return candidate;
}
