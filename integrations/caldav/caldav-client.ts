/**
 * A CalDAV account as the agenda uses it: given the server (CALDAV_URL, deadline) and the user's
 * credentials, never a request or a cookie. Discovery, calendars, the occurrences in a range
 * (calendar-query REPORT with a time-range filter, expanded here with ical.js), and writes guarded
 * by ETags: creating uses If-None-Match: *, editing and deleting If-Match (412 → CONFLICT), so two
 * people editing the same event never silently overwrite each other.
 *
 * Given a CalendarObjectCache and the caller's identity, listing a calendar whose CTag is known
 * reuses the objects parsed at that CTag (no REPORT, no parsing: see calendar-object-cache.ts),
 * and every write through this client drops the calendar's entry for that identity at once.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { AppError } from "@/server/errors";
import { logger } from "@/server/log";
import {
  assertSameOrigin,
  calDavExpect,
  calDavStatusError,
  type CalDavCredentials,
  type CalDavServer,
} from "@/integrations/caldav/caldav-transport";
import { discoverCalendarHome, listCalendars, type CalDavHome } from "@/integrations/caldav/discovery";
import type { CalendarObjectCache, ParsedCalendarObject } from "@/integrations/caldav/calendar-object-cache";
import {
  occurrencesOfParsed,
  parseCalendarObject,
  seriesOf,
  UnreadableCalendarObjectError,
} from "@/integrations/caldav/ics-read";
import {
  addConferenceToObject,
  createEventObject,
  NotOrganizerError,
  setParticipationInObject,
  updateEventObject,
} from "@/integrations/caldav/ics-write";
import { parseMultistatus, textOf } from "@/integrations/caldav/multistatus";
import type { CalendarInfo, EventInput, EventOccurrence, Partstat } from "@/integrations/caldav/types";

const icsUtc = (instant: Date) =>
  instant
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

function calendarQuery(from: Date, to: Date): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter>
    <C:comp-filter name="VCALENDAR">
      <C:comp-filter name="VEVENT"><C:time-range start="${icsUtc(from)}" end="${icsUtc(to)}"/></C:comp-filter>
    </C:comp-filter>
  </C:filter>
</C:calendar-query>`;
}

/** A cache miss fetches a day more on each side, so the result is always decided by the portal's own
 * overlap rule (floating and all-day times are read in Paris here, maybe in UTC by the server). */
const FETCH_MARGIN_MS = 24 * 60 * 60 * 1000;

/** The calendar object cache and whose it is (portal user and login): entries are never shared. */
export interface CalDavCacheBinding {
  store: CalendarObjectCache;
  identity: string;
}

const byStart = (a: EventOccurrence, b: EventOccurrence) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);

export interface StoredEvent {
  path: string;
  etag: string | null;
  ics: string;
}

export class CalDavClient {
  constructor(
    private readonly server: CalDavServer,
    private readonly credentials: CalDavCredentials,
    private readonly cache?: CalDavCacheBinding,
  ) {}

  /** Forgets the cached objects of the calendar holding `path` (after any write through this client). */
  private forget(path: string): void {
    this.cache?.store.invalidate(this.cache.identity, path);
  }

  /** After a write (done or failed: a failure may still have changed the server), the cache is dropped. */
  private async writing<T>(path: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      this.forget(path);
    }
  }

  private url(path: string): URL {
    const url = new URL(path, this.server.baseUrl.origin);
    assertSameOrigin(this.server, url);
    return url;
  }

  discover(signal?: AbortSignal): Promise<CalDavHome> {
    return discoverCalendarHome(this.server, this.credentials, signal);
  }

  calendars(home: URL, signal?: AbortSignal): Promise<CalendarInfo[]> {
    return listCalendars(this.server, this.credentials, home, signal);
  }

  /**
   * Occurrences overlapping [from, to) in one calendar, sorted by start. Given the calendar with its
   * CTag (as `calendars` listed it) and a cache, the parsed objects are reused while the CTag holds.
   */
  async events(
    calendar: string | Pick<CalendarInfo, "path" | "ctag">,
    from: Date,
    to: Date,
    signal?: AbortSignal,
  ): Promise<EventOccurrence[]> {
    const { path, ctag } = typeof calendar === "string" ? { path: calendar, ctag: null } : calendar;
    const cache = ctag ? this.cache : undefined;
    let entry = cache?.store.get(cache.identity, path, ctag, from, to) ?? null;
    const expanded = entry ? cache?.store.expansion(entry, from, to) : null;
    if (expanded) return [...expanded];
    let objects = entry?.objects;
    if (!objects) {
      const fetchFrom = cache ? new Date(from.getTime() - FETCH_MARGIN_MS) : from;
      const fetchTo = cache ? new Date(to.getTime() + FETCH_MARGIN_MS) : to;
      objects = await this.fetchObjects(path, fetchFrom, fetchTo, signal);
      entry = cache?.store.set(cache.identity, path, ctag, fetchFrom, fetchTo, objects) ?? null;
    }
    const occurrences = objects
      .flatMap((object) => occurrencesOfParsed(object, object.calendar, from, to))
      .sort(byStart);
    if (cache && entry) cache.store.rememberExpansion(cache.identity, path, entry, from, to, occurrences);
    return [...occurrences];
  }

  /** The calendar-query REPORT for [from, to), each object parsed once (unreadable ones skipped, counted). */
  private async fetchObjects(
    calendarPath: string,
    from: Date,
    to: Date,
    signal?: AbortSignal,
  ): Promise<ParsedCalendarObject[]> {
    const url = this.url(calendarPath);
    const response = await calDavExpect(
      this.server,
      this.credentials,
      {
        method: "REPORT",
        url,
        operation: "list events",
        headers: { "content-type": "application/xml; charset=utf-8", depth: "1" },
        body: calendarQuery(from, to),
        signal,
      },
      [207],
    );
    const objects: ParsedCalendarObject[] = [];
    let unreadable = 0;
    for (const entry of parseMultistatus(response.body)) {
      const ics = textOf(entry.props["calendar-data"]);
      if (!ics) continue;
      const path = new URL(entry.href, url);
      if (path.origin !== url.origin || !path.pathname.startsWith(url.pathname)) continue;
      try {
        objects.push({ path: path.pathname, etag: textOf(entry.props.getetag), calendar: parseCalendarObject(ics) });
      } catch (error) {
        if (!(error instanceof UnreadableCalendarObjectError)) throw error;
        unreadable += 1;
      }
    }
    // Counts only: an event's content never goes to the logs.
    if (unreadable > 0) logger.warn({ unreadable }, "caldav: calendar objects skipped (not valid iCalendar)");
    return objects;
  }

  /** One stored object (the whole series) with its current ETag. */
  async read(path: string, signal?: AbortSignal): Promise<StoredEvent> {
    const response = await calDavExpect(
      this.server,
      this.credentials,
      { method: "GET", url: this.url(path), operation: "read event", headers: { accept: "text/calendar" }, signal },
      [200],
    );
    return { path, etag: response.headers.get("etag"), ics: response.body };
  }

  /** Creates an event in a calendar; returns its path and ETag (null when the server sends none). */
  async create(
    calendarPath: string,
    input: EventInput,
    signal?: AbortSignal,
  ): Promise<{ path: string; uid: string; etag: string | null }> {
    const uid = `${randomUUID()}@portal`;
    const base = calendarPath.endsWith("/") ? calendarPath : `${calendarPath}/`;
    const path = `${base}${encodeURIComponent(uid)}.ics`;
    const body = createEventObject(uid, input, new Date());
    const response = await this.writing(path, () =>
      calDavExpect(
        this.server,
        this.credentials,
        {
          method: "PUT",
          url: this.url(path),
          operation: "create event",
          headers: { "content-type": "text/calendar; charset=utf-8", "if-none-match": "*" },
          body,
          signal,
        },
        [200, 201, 204],
      ),
    );
    return { path, uid, etag: response.headers.get("etag") };
  }

  private async replace(path: string, etag: string, ics: string, signal?: AbortSignal): Promise<string | null> {
    const response = await this.writing(path, () =>
      calDavExpect(
        this.server,
        this.credentials,
        {
          method: "PUT",
          url: this.url(path),
          operation: "update event",
          headers: { "content-type": "text/calendar; charset=utf-8", "if-match": etag },
          body: ics,
          signal,
        },
        [200, 201, 204],
      ),
    );
    return response.headers.get("etag");
  }

  private async readExpecting(path: string, etag: string, signal?: AbortSignal): Promise<StoredEvent> {
    const stored = await this.read(path, signal);
    // The server's If-Match is the real guard; failing early spares a write bound to fail.
    if (stored.etag !== null && stored.etag !== etag) throw calDavStatusError(412, "update event");
    return stored;
  }

  /**
   * Replaces what the portal edits on a series; `etag` is the one the user's copy came with.
   * `editorAddresses` are the user's: a meeting someone else organises is refused (FORBIDDEN).
   */
  async update(
    path: string,
    etag: string,
    input: EventInput,
    editorAddresses: string[],
    signal?: AbortSignal,
  ): Promise<{ etag: string | null }> {
    const stored = await this.readExpecting(path, etag, signal);
    let ics: string;
    try {
      ics = updateEventObject(stored.ics, input, new Date(), editorAddresses);
    } catch (error) {
      if (error instanceof NotOrganizerError) {
        throw new AppError("FORBIDDEN", {
          userMessage: "only the organizer can change this meeting: answer the invitation instead",
          cause: error,
        });
      }
      if (error instanceof UnreadableCalendarObjectError) {
        throw new AppError("CONFLICT", {
          userMessage: "this event cannot be edited here: its stored form is not valid iCalendar",
          cause: error,
        });
      }
      throw error;
    }
    return { etag: await this.replace(path, etag, ics, signal) };
  }

  /** Sets the user's answer to an invitation (their own ATTENDEE's PARTSTAT). */
  async respond(
    path: string,
    etag: string,
    addresses: string[],
    partstat: Partstat,
    signal?: AbortSignal,
  ): Promise<{ etag: string | null }> {
    const stored = await this.readExpecting(path, etag, signal);
    const ics = setParticipationInObject(stored.ics, addresses, partstat, new Date());
    if (ics === null) throw new AppError("FORBIDDEN", { userMessage: "you are not invited to this event" });
    return { etag: await this.replace(path, etag, ics, signal) };
  }

  async delete(path: string, etag: string, signal?: AbortSignal): Promise<void> {
    await this.writing(path, () =>
      calDavExpect(
        this.server,
        this.credentials,
        { method: "DELETE", url: this.url(path), operation: "delete event", headers: { "if-match": etag }, signal },
        [200, 204],
      ),
    );
  }

  /** The series as one occurrence (its first), with the object's ETag. */
  async series(path: string, signal?: AbortSignal): Promise<EventOccurrence> {
    const stored = await this.read(path, signal);
    try {
      const series = seriesOf(stored);
      if (series) return series;
    } catch (error) {
      if (!(error instanceof UnreadableCalendarObjectError)) throw error;
    }
    throw new AppError("CONFLICT", { userMessage: "this event's stored form is not valid iCalendar" });
  }

  /** Writes a video meeting link into the series (see addConferenceToObject). */
  async addConference(
    path: string,
    etag: string,
    joinUrl: string,
    label: string,
    signal?: AbortSignal,
  ): Promise<{ etag: string | null }> {
    const stored = await this.readExpecting(path, etag, signal);
    return {
      etag: await this.replace(path, etag, addConferenceToObject(stored.ics, joinUrl, label, new Date()), signal),
    };
  }
}
