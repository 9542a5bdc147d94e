/**
 * The `Range` request header (RFC 9110 §14), for one byte range.
 *
 * Decisions, all allowed by RFC 9110:
 *   - Only `bytes` ranges; another unit, a malformed header or several ranges (`bytes=0-1,5-9`)
 *     are ignored and the whole file is sent with 200. Multipart/byteranges answers are rarely
 *     used by clients (browsers, video players and download managers ask for one range) and a list
 *     of many small or overlapping ranges is a known way to make a server work for nothing.
 *   - A range whose last position is past the end is shortened to the end; a suffix longer than
 *     the file is the whole file.
 *   - A range that starts at or after the end, or an empty suffix (`bytes=-0`), is unsatisfiable:
 *     416 with `Content-Range: bytes *\/size`.
 */
import type { ByteRange } from "@/server/files/storage";

export type RangeRequest = { kind: "from"; start: number; end?: number } | { kind: "suffix"; length: number };

const SINGLE_RANGE = /^bytes[ \t]*=[ \t]*(\d*)[ \t]*-[ \t]*(\d*)[ \t]*$/i;
/** Longer digit strings are not meaningful byte positions (2^53 has 16 digits). */
const MAX_DIGITS = 15;

/** The one range asked for, or null when the header is absent or is to be ignored. */
export function parseRangeHeader(header: string | undefined): RangeRequest | null {
  if (header === undefined || header.length > 200) return null;
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return null;
  const [, first = "", last = ""] = match;
  if (first.length > MAX_DIGITS || last.length > MAX_DIGITS) return null;
  if (first === "" && last === "") return null;
  if (first === "") return { kind: "suffix", length: Number(last) };
  const start = Number(first);
  if (last === "") return { kind: "from", start };
  const end = Number(last);
  // RFC 9110 §14.1.1: a range whose last position is before its first is invalid: ignore the header.
  if (end < start) return null;
  return { kind: "from", start, end };
}

/** The concrete range for a file of `size` bytes, or "unsatisfiable". */
export function resolveRange(request: RangeRequest, size: number): ByteRange | "unsatisfiable" {
  if (request.kind === "suffix") {
    if (request.length === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - request.length), end: size - 1 };
  }
  if (request.start >= size) return "unsatisfiable";
  return { start: request.start, end: Math.min(request.end ?? size - 1, size - 1) };
}

export function contentRangeHeader(range: ByteRange, size: number): string {
  return `bytes ${range.start}-${range.end}/${size}`;
}

export function unsatisfiedRangeHeader(size: number): string {
  return `bytes */${size}`;
}
