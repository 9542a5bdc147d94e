/**
 * Conditional requests (RFC 9110 §13): `If-None-Match` / `If-Modified-Since` for 304 answers and
 * `If-Range` for resuming a download only when the file has not changed in between.
 */
import type { IncomingMessage } from "node:http";

function opaque(tag: string): string {
  return tag.startsWith("W/") ? tag.slice(2) : tag;
}

/** Splits an entity-tag list (`"a", W/"b"`); commas inside quotes are kept. */
function entityTags(header: string): string[] {
  return header.match(/(?:W\/)?"[^"]*"/g) ?? [];
}

/** If-None-Match uses the weak comparison: `W/"x"` matches `"x"`. */
export function ifNoneMatchHits(header: string, etag: string): boolean {
  if (header.trim() === "*") return true;
  return entityTags(header).some((tag) => opaque(tag) === opaque(etag));
}

/** True when the client's cached copy is current: answer 304 without a body. */
export function isNotModified(req: IncomingMessage, etag: string, lastModified: string): boolean {
  const ifNoneMatch = req.headers["if-none-match"];
  if (ifNoneMatch !== undefined) return ifNoneMatchHits(ifNoneMatch, etag);
  const ifModifiedSince = req.headers["if-modified-since"];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  const modified = Date.parse(lastModified);
  if (Number.isNaN(since) || Number.isNaN(modified)) return false;
  // HTTP dates have one-second precision.
  return Math.floor(modified / 1000) <= Math.floor(since / 1000);
}

/**
 * If-Range: the range applies only when the validator still matches (strong comparison for an
 * entity tag; exact second for a date). Without the header the range always applies.
 */
export function rangeStillApplies(req: IncomingMessage, etag: string, lastModified: string): boolean {
  const ifRange = req.headers["if-range"];
  if (typeof ifRange !== "string") return ifRange === undefined;
  const value = ifRange.trim();
  if (value.startsWith('"') || value.startsWith("W/")) return !value.startsWith("W/") && value === opaque(etag);
  const date = Date.parse(value);
  const modified = Date.parse(lastModified);
  return !Number.isNaN(date) && !Number.isNaN(modified) && Math.floor(modified / 1000) === Math.floor(date / 1000);
}
