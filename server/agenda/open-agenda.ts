/**
 * Opens the signed-in person's agenda: the CalDAV server from CALDAV_URL (503 NOT_CONFIGURED
 * without it), their own groupware login (403 GROUPWARE_NOT_CONNECTED without one), their calendar
 * home found by discovery, and their calendars. Every agenda route starts here, so calendar and
 * event ids from the browser are only ever resolved against what the server listed for this user.
 *
 * Discovery (principal, home, addresses) costs two or three PROPFINDs and changes almost never, so
 * each process keeps it for a few minutes, keyed by user AND login (a reconnected account with
 * another login discovers again). It is only a cache: any process can rebuild it, so portal
 * processes stay interchangeable behind a load balancer. Calendars are listed on every call
 * (their ctag and rights may change); that listing's CTags validate the parsed calendar objects the
 * client reuses (integrations/caldav/calendar-object-cache.ts), so a repeat costs one PROPFIND.
 */
import "server-only";
import {
  CalDavClient,
  calendarObjectCache,
  type CalDavHome,
  type CalDavServer,
  type CalendarInfo,
} from "@/integrations/caldav";
import type { PortalUser } from "@/server/auth/portal-user";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { groupwareLogin } from "@/server/groupware/credentials";
import { readUserEmail } from "@/server/mail/widget/read-user-email";

/** Deadline for each CalDAV request (BlueMind answers in well under a second when healthy). */
export const CALDAV_TIMEOUT_MS = 15_000;
const DISCOVERY_TTL_MS = 5 * 60 * 1000;
const DISCOVERY_CACHE_MAX = 10_000;

export interface OpenAgenda {
  client: CalDavClient;
  calendars: CalendarInfo[];
  /** Addresses that are this person as an ATTENDEE (lower case). */
  addresses: string[];
  /** The person as ORGANIZER of what they create. */
  self: { email: string; name: string } | null;
}

const discoveries = new Map<string, { home: CalDavHome; expires: number }>();

export function agendaServer(): CalDavServer {
  const url = env().CALDAV_URL;
  if (!url) throw new AppError("NOT_CONFIGURED", { userMessage: "the agenda is not configured on this portal" });
  return { baseUrl: new URL(url), timeoutMs: CALDAV_TIMEOUT_MS };
}

/** Forgets cached discoveries and calendar objects (the connect/disconnect routes and tests call it). */
export function forgetAgendaDiscovery(userId?: string): void {
  if (userId === undefined) {
    discoveries.clear();
    calendarObjectCache.clear();
    return;
  }
  for (const key of discoveries.keys()) if (key.startsWith(`${userId}\u0000`)) discoveries.delete(key);
  calendarObjectCache.forgetIdentities(`${userId}\u0000`);
}

export async function openAgenda(user: PortalUser, signal?: AbortSignal): Promise<OpenAgenda> {
  const server = agendaServer();
  const login = await groupwareLogin(user, "dav");
  if (login.kind !== "password") {
    throw new AppError("GROUPWARE_NOT_CONNECTED", { userMessage: "connect your mail account first" });
  }
  const key = `${user.id}\u0000${login.login}`;
  // The parsed-objects cache is keyed by this same identity: one person's events never serve another.
  const client = new CalDavClient(
    server,
    { login: login.login, password: login.password },
    { store: calendarObjectCache, identity: key },
  );
  const cached = discoveries.get(key);
  let home = cached && cached.expires > Date.now() ? cached.home : undefined;
  if (!home) {
    home = await client.discover(signal);
    if (discoveries.size >= DISCOVERY_CACHE_MAX) discoveries.clear();
    discoveries.set(key, { home, expires: Date.now() + DISCOVERY_TTL_MS });
  }
  const [calendars, email] = await Promise.all([client.calendars(home.home, signal), readUserEmail(user.id)]);
  const addresses = new Set(home.addresses);
  if (email) addresses.add(email.toLowerCase());
  if (login.login.includes("@")) addresses.add(login.login.toLowerCase());
  const selfEmail = email ?? (login.login.includes("@") ? login.login : home.addresses[0]);
  return {
    client,
    calendars,
    addresses: [...addresses],
    self: selfEmail ? { email: selfEmail.toLowerCase(), name: user.displayName } : null,
  };
}
