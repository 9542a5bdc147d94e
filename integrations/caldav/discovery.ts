/**
 * Finds a user's calendars the way RFC 6764 and RFC 4791 describe: ask CALDAV_URL for the
 * current-user-principal (falling back to /.well-known/caldav, whose redirect is followed on the
 * same origin only), then the principal for its calendar-home-set (and calendar-user-address-set:
 * the addresses that identify the user as an ATTENDEE), then list the home's calendars.
 *
 * BlueMind answers at https://<host>/dav/ (principal /dav/principals/__uids__/<uid>/); Radicale at
 * its root (principal /<login>/). Both are found by the same steps.
 */
import "server-only";
import { AppError } from "@/server/errors";
import {
  calDavExpect,
  calDavRequest,
  resolveHref,
  type CalDavCredentials,
  type CalDavServer,
} from "@/integrations/caldav/caldav-transport";
import { hrefOf, parseMultistatus, textOf } from "@/integrations/caldav/multistatus";
import type { CalendarInfo } from "@/integrations/caldav/types";

export interface CalDavHome {
  principal: URL;
  home: URL;
  /** mailto: addresses the server knows for the user (lower case, without mailto:). */
  addresses: string[];
}

const PRINCIPAL_QUERY = `<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:"><D:prop><D:current-user-principal/></D:prop></D:propfind>`;

const HOME_QUERY = `<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><C:calendar-home-set/><C:calendar-user-address-set/></D:prop>
</D:propfind>`;

const CALENDARS_QUERY = `<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/" xmlns:I="http://apple.com/ns/ical/">
  <D:prop>
    <D:resourcetype/><D:displayname/><D:current-user-privilege-set/>
    <CS:getctag/><I:calendar-color/><C:supported-calendar-component-set/>
  </D:prop>
</D:propfind>`;

/**
 * Asked only when a calendar has no getctag: computing a sync-token is not free (Radicale keeps a
 * history per item for it: asking it beside getctag doubled Radicale's CPU on this listing, which
 * every agenda request and dashboard load sends).
 */
const SYNC_TOKEN_QUERY = `<?xml version="1.0" encoding="utf-8"?>
<D:propfind xmlns:D="DAV:"><D:prop><D:sync-token/></D:prop></D:propfind>`;

const MAX_REDIRECTS = 3;

/** PROPFIND Depth 0 following same-origin redirects (well-known URLs redirect). */
async function propfindFollowing(
  server: CalDavServer,
  credentials: CalDavCredentials,
  start: URL,
  body: string,
  signal?: AbortSignal,
): Promise<{ url: URL; status: number; body: string }> {
  let url = start;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const response = await calDavRequest(server, credentials, {
      method: "PROPFIND",
      url,
      operation: "discover",
      headers: { "content-type": "application/xml; charset=utf-8", depth: "0" },
      body,
      signal,
    });
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      url = resolveHref(server, location, url);
      continue;
    }
    return { url, status: response.status, body: response.body };
  }
  throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "the agenda server redirects too many times" });
}

async function findPrincipal(server: CalDavServer, credentials: CalDavCredentials, signal?: AbortSignal): Promise<URL> {
  const candidates = [server.baseUrl, new URL("/.well-known/caldav", server.baseUrl)];
  let lastStatus = 0;
  for (const candidate of candidates) {
    const answer = await propfindFollowing(server, credentials, candidate, PRINCIPAL_QUERY, signal);
    lastStatus = answer.status;
    if (answer.status === 401) break;
    if (answer.status !== 207) continue;
    for (const entry of parseMultistatus(answer.body)) {
      const href = hrefOf(entry.props["current-user-principal"]);
      if (href) return resolveHref(server, href, answer.url);
    }
  }
  if (lastStatus === 401) {
    throw new AppError("GROUPWARE_NOT_CONNECTED", {
      message: "[caldav] 401 on discover",
      userMessage: "the agenda server refused your groupware login and password: connect your account again",
    });
  }
  throw new AppError("BACKEND_UNAVAILABLE", {
    message: `[caldav] no current-user-principal (last status ${lastStatus})`,
    userMessage: "the agenda server does not say where your calendars are (check CALDAV_URL)",
  });
}

/** Principal, calendar home and the user's calendar addresses. */
export async function discoverCalendarHome(
  server: CalDavServer,
  credentials: CalDavCredentials,
  signal?: AbortSignal,
): Promise<CalDavHome> {
  const principal = await findPrincipal(server, credentials, signal);
  const answer = await propfindFollowing(server, credentials, principal, HOME_QUERY, signal);
  if (answer.status !== 207) {
    throw new AppError("BACKEND_UNAVAILABLE", {
      message: `[caldav] ${answer.status} reading the calendar home`,
      userMessage: "the agenda server does not say where your calendars are",
    });
  }
  const [entry] = parseMultistatus(answer.body);
  const homeHref = hrefOf(entry?.props["calendar-home-set"]);
  if (!homeHref) {
    throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "the agenda server has no calendar home for you" });
  }
  const addressNode = entry?.props["calendar-user-address-set"] as { href?: unknown[] } | undefined;
  const addresses = (Array.isArray(addressNode?.href) ? addressNode.href : [])
    .map((href) => textOf(href) ?? "")
    .filter((href) => /^mailto:/i.test(href))
    .map((href) => href.slice(7).toLowerCase());
  return { principal, home: resolveHref(server, homeHref, answer.url), addresses };
}

function privilegesOf(node: unknown): string[] {
  const privileges = (node as { privilege?: unknown[] } | undefined)?.privilege ?? [];
  return privileges.flatMap((privilege) => (privilege && typeof privilege === "object" ? Object.keys(privilege) : []));
}

function supportsEvents(node: unknown): boolean {
  const comps = (node as { comp?: Array<{ "@name"?: string }> } | undefined)?.comp;
  // No component set advertised means every component type is accepted (RFC 4791 §5.2.3).
  return !comps || comps.some((comp) => comp["@name"]?.toUpperCase() === "VEVENT");
}

const COLOR = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i;

/** The calendars (VEVENT collections) in the home, with name, colour, ctag and write rights. */
export async function listCalendars(
  server: CalDavServer,
  credentials: CalDavCredentials,
  home: URL,
  signal?: AbortSignal,
): Promise<CalendarInfo[]> {
  const response = await calDavExpect(
    server,
    credentials,
    {
      method: "PROPFIND",
      url: home,
      operation: "list calendars",
      headers: { "content-type": "application/xml; charset=utf-8", depth: "1" },
      body: CALENDARS_QUERY,
      signal,
    },
    [207],
  );
  const calendars: CalendarInfo[] = [];
  for (const entry of parseMultistatus(response.body)) {
    const resourceType = entry.props.resourcetype;
    if (!resourceType || typeof resourceType !== "object" || !("calendar" in resourceType)) continue;
    if (!supportsEvents(entry.props["supported-calendar-component-set"])) continue;
    const url = resolveHref(server, entry.href, home);
    const privileges = privilegesOf(entry.props["current-user-privilege-set"]);
    const color = COLOR.exec(textOf(entry.props["calendar-color"]) ?? "");
    const path = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`;
    const lastSegment = decodeURIComponent(path.split("/").filter(Boolean).pop() ?? "");
    calendars.push({
      path,
      name: textOf(entry.props.displayname) || lastSegment || "Agenda",
      color: color ? `#${color[1]?.toLowerCase()}` : null,
      ctag: textOf(entry.props.getctag) || null,
      // No privilege set advertised: assume writable and let the server refuse (403 → FORBIDDEN).
      canWrite:
        privileges.length === 0 ||
        privileges.some((p) => p === "write" || p === "write-content" || p === "all" || p === "bind"),
    });
  }
  if (calendars.some((calendar) => calendar.ctag === null)) {
    await addSyncTokens(server, credentials, home, calendars, signal);
  }
  return calendars.sort((a, b) => a.name.localeCompare(b.name, "fr"));
}

/** Fills missing ctags with the calendars' sync-tokens (RFC 6578); a server with neither leaves null. */
async function addSyncTokens(
  server: CalDavServer,
  credentials: CalDavCredentials,
  home: URL,
  calendars: CalendarInfo[],
  signal?: AbortSignal,
): Promise<void> {
  const response = await calDavRequest(server, credentials, {
    method: "PROPFIND",
    url: home,
    operation: "list calendars",
    headers: { "content-type": "application/xml; charset=utf-8", depth: "1" },
    body: SYNC_TOKEN_QUERY,
    signal,
  });
  if (response.status !== 207) return;
  const tokens = new Map<string, string>();
  for (const entry of parseMultistatus(response.body)) {
    const token = textOf(entry.props["sync-token"]);
    const url = resolveHref(server, entry.href, home);
    if (token) tokens.set(url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`, token);
  }
  for (const calendar of calendars) calendar.ctag ??= tokens.get(calendar.path) ?? null;
}
