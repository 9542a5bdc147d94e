/**
 * Parses a WebDAV 207 Multi-Status answer (PROPFIND, SEARCH, REPORT) into plain records: for each
 * `d:response`, its href and the properties found with status 200, keyed by local name (namespace
 * prefixes differ between servers: Nextcloud says `d:`/`oc:`/`nc:`, Apache `D:`/`lp1:`/`ns1:`;
 * the names the adapter reads do not collide across DAV:, owncloud and nextcloud namespaces).
 *
 * Values are kept as strings (no number coercion: file ids and ETags are opaque), and
 * `resourcetype` is reduced to whether it holds `collection`.
 */
import "server-only";
import { XMLParser } from "fast-xml-parser";
import { AppError } from "@/server/errors";

export interface DavResponse {
  href: string;
  /** Properties answered with 200, by local name; `collection` is set from resourcetype. */
  props: Record<string, string>;
  isCollection: boolean;
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => name === "response" || name === "propstat",
});

type XmlNode = Record<string, unknown>;

function text(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "object" && "#text" in (value as XmlNode)) return text((value as XmlNode)["#text"]);
  return "";
}

function statusCode(status: unknown): number {
  const match = /\s(\d{3})\s?/.exec(text(status));
  return match ? Number(match[1]) : 0;
}

export function parseMultistatus(xml: string): DavResponse[] {
  let document: XmlNode;
  try {
    document = parser.parse(xml) as XmlNode;
  } catch (error) {
    throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "Nextcloud's answer could not be read", cause: error });
  }
  const multistatus = document.multistatus as XmlNode | undefined;
  if (!multistatus || typeof multistatus !== "object") {
    // `<d:multistatus/>` with no responses parses as an empty string.
    if (document.multistatus === "") return [];
    throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "Nextcloud's answer could not be read" });
  }
  const responses = (multistatus.response as XmlNode[] | undefined) ?? [];
  return responses.map((response) => {
    const props: Record<string, string> = {};
    let isCollection = false;
    for (const propstat of (response.propstat as XmlNode[] | undefined) ?? []) {
      if (statusCode(propstat.status) !== 200) continue;
      const prop = propstat.prop as XmlNode | undefined;
      if (!prop || typeof prop !== "object") continue;
      for (const [name, value] of Object.entries(prop)) {
        if (name === "resourcetype") {
          isCollection = typeof value === "object" && value !== null && "collection" in (value as XmlNode);
          continue;
        }
        props[name] = text(value);
      }
    }
    return { href: text(response.href), props, isCollection };
  });
}

/** Escapes text for an XML element or attribute. */
export function xmlEscape(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}
