/**
 * Reads a WebDAV 207 multistatus (RFC 4918 §13) into one entry per `<response>`: its href and the
 * properties found with a 2xx propstat. Namespace prefixes are dropped: the properties the agenda
 * reads have distinct local names (DAV: displayname/resourcetype/getetag, CalDAV calendar-data and
 * calendar-home-set, CalendarServer getctag, Apple calendar-color).
 */
import "server-only";
import { XMLParser } from "fast-xml-parser";
import { AppError } from "@/server/errors";

export interface DavEntry {
  href: string;
  props: Record<string, unknown>;
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  isArray: (name) =>
    name === "response" || name === "propstat" || name === "href" || name === "privilege" || name === "comp",
});

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Text content of a parsed node (fast-xml-parser gives a string, or an object with #text). */
export function textOf(node: unknown): string | null {
  if (typeof node === "string") return node.trim();
  if (typeof node === "number") return String(node);
  if (node && typeof node === "object" && "#text" in node) return textOf((node as { "#text": unknown })["#text"]);
  return null;
}

/** The first <href> inside a property such as current-user-principal or calendar-home-set. */
export function hrefOf(node: unknown): string | null {
  if (!node || typeof node !== "object") return null;
  const hrefs = (node as { href?: unknown }).href;
  const first = Array.isArray(hrefs) ? hrefs[0] : hrefs;
  return textOf(first) || null;
}

export function parseMultistatus(xml: string): DavEntry[] {
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch (error) {
    throw new AppError("BACKEND_UNAVAILABLE", {
      userMessage: "the agenda server's answer could not be read",
      cause: error,
    });
  }
  const multistatus = (document as { multistatus?: { response?: unknown[] } }).multistatus;
  if (!multistatus || typeof multistatus !== "object") {
    throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "the agenda server's answer could not be read" });
  }
  const entries: DavEntry[] = [];
  for (const response of asArray(multistatus.response)) {
    if (!response || typeof response !== "object") continue;
    const { href, propstat } = response as { href?: unknown[]; propstat?: unknown[] };
    const hrefText = textOf(asArray(href)[0]);
    if (!hrefText) continue;
    const props: Record<string, unknown> = {};
    for (const stat of asArray(propstat)) {
      if (!stat || typeof stat !== "object") continue;
      const { status, prop } = stat as { status?: unknown; prop?: unknown };
      if (!/\s2\d\d\s/.test(` ${textOf(status) ?? ""} `)) continue;
      if (prop && typeof prop === "object") Object.assign(props, prop);
    }
    entries.push({ href: hrefText, props });
  }
  return entries;
}
