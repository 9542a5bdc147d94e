/**
 * The WOPI client's discovery document (WOPI_DISCOVERY_URL, e.g. Collabora's or OnlyOffice's
 * `/hosting/discovery`): which editor URL opens which kind of file for which action, and the
 * proof keys the client signs its calls with.
 *
 * Parsing: `<wopi-discovery><net-zone><app name favIconUrl><action name ext urlsrc requires/>…`
 * and `<proof-key modulus exponent oldmodulus oldexponent …/>`. Office Online and OnlyOffice key
 * apps by name ("Word") and actions by `ext`; Collabora also keys apps by MIME type with an empty
 * `ext`, so an action is looked for by extension first, then by MIME type.
 *
 * Fetching: with a deadline and a size cap, then kept in this process for `DISCOVERY_TTL_MS`: a
 * cache only (any process can fetch it again), so processes stay stateless. `refresh` refetches at
 * most once a minute, for proof-key rotations (server/office/wopi/proof-check.ts).
 */
import type { KeyObject } from "node:crypto";
import { XMLParser } from "fast-xml-parser";
import { rsaKeyFromModulus } from "@/integrations/wopi/proof-keys";

export const DISCOVERY_TTL_MS = 6 * 60 * 60 * 1000;
const REFRESH_MIN_INTERVAL_MS = 60 * 1000;
const MAX_DISCOVERY_BYTES = 4 * 1024 * 1024;

export interface DiscoveryAction {
  app: string;
  name: string;
  /** Lower-case extension without the dot; "" when the app is keyed by MIME type. */
  ext: string;
  urlsrc: string;
  requires: string[];
  isDefault: boolean;
  favIconUrl?: string;
}

export interface WopiDiscovery {
  actions: DiscoveryAction[];
  /** Present when the client signs its requests. */
  proofKeys: { current: KeyObject; old?: KeyObject } | null;
}

/** The zones a portal reaches its client in, best first. */
const ZONE_PREFERENCE = ["external-https", "internal-https", "external-http", "internal-http"];

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  removeNSPrefix: true,
  parseAttributeValue: false,
  isArray: (name) => ["net-zone", "app", "action"].includes(name),
});

type Attributes = Record<string, string | undefined>;

export class DiscoveryError extends Error {
  override name = "DiscoveryError";
}

export function parseDiscovery(xml: string): WopiDiscovery {
  let root: Record<string, unknown>;
  try {
    root = (parser.parse(xml) as Record<string, Record<string, unknown> | undefined>)["wopi-discovery"] ?? {};
  } catch (error) {
    throw new DiscoveryError("the discovery document is not XML", { cause: error });
  }
  const zones = ((root["net-zone"] as Attributes[] | undefined) ?? []).slice();
  if (zones.length === 0) throw new DiscoveryError("the discovery document has no net-zone");
  const rank = (zone: Attributes) => {
    const index = ZONE_PREFERENCE.indexOf(zone.name ?? "");
    return index === -1 ? ZONE_PREFERENCE.length : index;
  };
  zones.sort((a, b) => rank(a) - rank(b));
  const actions: DiscoveryAction[] = [];
  // Every zone's actions, best zone first, so lookups take the preferred zone's URL.
  for (const zone of zones) {
    for (const app of ((zone as Record<string, unknown>).app as Array<Attributes & { action?: Attributes[] }>) ?? []) {
      for (const action of app.action ?? []) {
        if (!action.name || !action.urlsrc) continue;
        actions.push({
          app: app.name ?? "",
          name: action.name,
          ext: (action.ext ?? "").toLowerCase().replace(/^\./, ""),
          urlsrc: action.urlsrc,
          requires: (action.requires ?? "")
            .split(",")
            .map((item) => item.trim())
            .filter(Boolean),
          isDefault: action.default === "true",
          ...(app.favIconUrl ? { favIconUrl: app.favIconUrl } : {}),
        });
      }
    }
  }
  return { actions, proofKeys: parseProofKeys(root["proof-key"] as Attributes | undefined) };
}

function parseProofKeys(attributes: Attributes | undefined): WopiDiscovery["proofKeys"] {
  if (!attributes?.modulus || !attributes.exponent) return null;
  // Real proof keys are 2048-bit; anything under 1024 bits is a broken or hostile document.
  for (const modulus of [attributes.modulus, attributes.oldmodulus ?? attributes.modulus])
    if (Buffer.from(modulus, "base64").length < 128)
      throw new DiscoveryError("the discovery document's proof-key is too short to be an RSA key");
  try {
    const current = rsaKeyFromModulus(attributes.modulus, attributes.exponent);
    const old =
      attributes.oldmodulus && attributes.oldexponent
        ? rsaKeyFromModulus(attributes.oldmodulus, attributes.oldexponent)
        : undefined;
    return { current, ...(old ? { old } : {}) };
  } catch (error) {
    throw new DiscoveryError("the discovery document's proof-key is not an RSA key", { cause: error });
  }
}

/** The action `name` for a file, by extension, else by MIME type (Collabora); null when none. */
export function findAction(
  discovery: WopiDiscovery,
  file: { extension: string; contentType: string | null },
  name: string,
): DiscoveryAction | null {
  const ext = file.extension.toLowerCase().replace(/^\./, "");
  const named = discovery.actions.filter((action) => action.name === name);
  const byExt = ext ? named.filter((action) => action.ext === ext) : [];
  const byMime = file.contentType ? named.filter((action) => action.app === file.contentType) : [];
  const pick = (list: DiscoveryAction[]) => list.find((action) => action.isDefault) ?? list[0] ?? null;
  return pick(byExt) ?? pick(byMime);
}

/**
 * The editor URL for one file: `urlsrc` with its `<name=PLACEHOLDER&>` segments filled where the
 * portal knows the value (the interface language) and removed otherwise, then `WOPISrc`.
 */
export function buildActionUrl(urlsrc: string, options: { wopiSrc: string; language: string }): string {
  const known: Record<string, string> = { UI_LLCC: options.language, DC_LLCC: options.language };
  const filled = urlsrc.replace(/<([^<>=]+)=([A-Z0-9_]+)&?>/g, (_segment, param: string, placeholder: string) => {
    const value = known[placeholder];
    return value === undefined ? "" : `${param}=${encodeURIComponent(value)}&`;
  });
  const separator = filled.endsWith("?") || filled.endsWith("&") ? "" : filled.includes("?") ? "&" : "?";
  return `${filled}${separator}WOPISrc=${encodeURIComponent(options.wopiSrc)}`;
}

export interface DiscoverySource {
  /** The cached document, fetched when missing or older than the TTL. */
  get(): Promise<WopiDiscovery>;
  /** Fetches again (at most once a minute; otherwise the cached document). */
  refresh(): Promise<WopiDiscovery>;
}

export function createDiscoverySource(options: {
  url: string;
  timeoutMs?: number;
  now?: () => number;
  fetchImpl?: typeof fetch;
}): DiscoverySource {
  const now = options.now ?? Date.now;
  const fetchImpl = options.fetchImpl ?? fetch;
  let cached: { discovery: WopiDiscovery; fetchedAt: number } | undefined;
  let inflight: Promise<WopiDiscovery> | undefined;

  async function download(): Promise<WopiDiscovery> {
    const response = await fetchImpl(options.url, {
      redirect: "error",
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      headers: { accept: "application/xml, text/xml" },
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new DiscoveryError(`the discovery document answered HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get("content-length") ?? 0);
    if (declared > MAX_DISCOVERY_BYTES) {
      await response.body?.cancel();
      throw new DiscoveryError("the discovery document is too large");
    }
    const text = await response.text();
    if (text.length > MAX_DISCOVERY_BYTES) throw new DiscoveryError("the discovery document is too large");
    const discovery = parseDiscovery(text);
    cached = { discovery, fetchedAt: now() };
    return discovery;
  }

  /** A clock that went backwards makes the cache stale rather than young forever. */
  function isYoungerThan(fetchedAt: number, ageMs: number): boolean {
    const age = now() - fetchedAt;
    return age >= 0 && age < ageMs;
  }

  function fetchOnce(): Promise<WopiDiscovery> {
    inflight ??= download().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  return {
    get() {
      if (cached && isYoungerThan(cached.fetchedAt, DISCOVERY_TTL_MS)) return Promise.resolve(cached.discovery);
      return fetchOnce();
    },
    refresh() {
      if (cached && isYoungerThan(cached.fetchedAt, REFRESH_MIN_INTERVAL_MS)) return Promise.resolve(cached.discovery);
      return fetchOnce();
    },
  };
}
