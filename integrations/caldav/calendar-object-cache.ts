/**
 * A per-process memo of a calendar's parsed objects (ical.js components), checked against the
 * server on every use: an entry is reused only while the calendar's CTag (getctag or sync-token,
 * read by the calendar listing PROPFIND every agenda request already does) is the one it was
 * filled at, and only for a time range inside the one it was fetched for. Profiling showed the
 * dashboard's agenda widget spending most of its CPU in the calendar-query REPORT and in parsing
 * its answer on every request; with this, a repeat costs that one PROPFIND and the recurrence
 * expansion for the requested range from the parsed components, itself remembered for the last
 * few ranges asked (the widget asks the same two days all day long), so a plain repeat does none.
 *
 * Never stale: a change by any client moves the CTag; the portal's own writes also drop the
 * calendar's entry at once (`invalidate`). Several portal processes behind a load balancer each
 * keep their own copy; correctness never depends on it (a miss is one REPORT, as before).
 *
 * Never shared between people: keyed by the caller's identity (portal user and groupware login)
 * AND the calendar path, and only consulted after that identity's own authenticated PROPFIND
 * listed the calendar at that CTag.
 *
 * Bounded memory: at most `maxEntries` calendars×people and `maxObjects` items in all (defaults
 * below), an item being a parsed calendar object or a remembered occurrence (at most
 * MAX_EXPANSIONS_PER_ENTRY ranges per entry); the least recently used entries go first; a calendar
 * with more objects than a quarter of `maxObjects` in one range is not kept at all.
 */
import "server-only";
import type ICAL from "ical.js";
import type { EventOccurrence } from "@/integrations/caldav/types";

type IcalComponent = InstanceType<typeof ICAL.Component>;

/** One calendar object resource, parsed once. The component is only read, never changed. */
export interface ParsedCalendarObject {
  path: string;
  etag: string | null;
  calendar: IcalComponent;
}

export interface CachedCalendarRange {
  ctag: string;
  /** The range (epoch ms, [from, to)) whose overlapping objects are all in `objects`. */
  from: number;
  to: number;
  objects: ParsedCalendarObject[];
  /** Occurrences already expanded, by "from/to" (epoch ms); shared, so read-only. */
  expansions: Map<string, readonly EventOccurrence[]>;
}

/** Default caps: 2,000 person×calendar entries, 50,000 parsed objects (a few KB each parsed). */
export const DEFAULT_MAX_CACHED_CALENDARS = 2_000;
export const DEFAULT_MAX_CACHED_OBJECTS = 50_000;
export const MAX_EXPANSIONS_PER_ENTRY = 4;

const weightOf = (entry: CachedCalendarRange) =>
  entry.objects.length + [...entry.expansions.values()].reduce((total, list) => total + list.length, 0);
const rangeKey = (from: Date, to: Date) => `${from.getTime()}/${to.getTime()}`;

export class CalendarObjectCache {
  private readonly entries = new Map<string, CachedCalendarRange>();
  private objectCount = 0;

  constructor(
    readonly maxEntries = DEFAULT_MAX_CACHED_CALENDARS,
    readonly maxObjects = DEFAULT_MAX_CACHED_OBJECTS,
  ) {}

  private static keyOf(identity: string, calendarPath: string): string {
    return `${identity}\u0000${calendarPath}`;
  }

  /** The entry when the calendar is still at `ctag` and [from, to) is inside its range. */
  get(identity: string, calendarPath: string, ctag: string | null, from: Date, to: Date): CachedCalendarRange | null {
    if (!ctag) return null;
    const key = CalendarObjectCache.keyOf(identity, calendarPath);
    const entry = this.entries.get(key);
    if (!entry || entry.ctag !== ctag || from.getTime() < entry.from || to.getTime() > entry.to) return null;
    this.entries.delete(key); // refresh its place in the LRU order
    this.entries.set(key, entry);
    return entry;
  }

  /** The occurrences already expanded for exactly [from, to) in this entry, if any. */
  expansion(entry: CachedCalendarRange, from: Date, to: Date): readonly EventOccurrence[] | null {
    return entry.expansions.get(rangeKey(from, to)) ?? null;
  }

  /** Remembers an expansion in `entry` (if it is still cached), counted against the item cap. */
  rememberExpansion(
    identity: string,
    calendarPath: string,
    entry: CachedCalendarRange,
    from: Date,
    to: Date,
    occurrences: readonly EventOccurrence[],
  ): void {
    if (this.entries.get(CalendarObjectCache.keyOf(identity, calendarPath)) !== entry) return;
    if (occurrences.length > this.maxObjects / 4) return;
    const key = rangeKey(from, to);
    const oldest = entry.expansions.keys().next().value;
    if (!entry.expansions.has(key) && entry.expansions.size >= MAX_EXPANSIONS_PER_ENTRY && oldest !== undefined) {
      this.objectCount -= entry.expansions.get(oldest)?.length ?? 0;
      entry.expansions.delete(oldest);
    }
    this.objectCount -= entry.expansions.get(key)?.length ?? 0;
    entry.expansions.set(key, occurrences);
    this.objectCount += occurrences.length;
    this.evict();
  }

  /**
   * Keeps what a REPORT for [from, to) returned. When the calendar is still at the same CTag and the
   * cached range overlaps or touches the new one, both are merged (the union is still one range whose
   * objects are all known), so the widget's two days and the bell's two weeks do not evict each other.
   */
  set(
    identity: string,
    calendarPath: string,
    ctag: string | null,
    from: Date,
    to: Date,
    objects: ParsedCalendarObject[],
  ): CachedCalendarRange | null {
    if (!ctag) return null;
    const key = CalendarObjectCache.keyOf(identity, calendarPath);
    const previous = this.entries.get(key);
    let entry: CachedCalendarRange = { ctag, from: from.getTime(), to: to.getTime(), objects, expansions: new Map() };
    if (previous && previous.ctag === ctag && previous.from <= entry.to && entry.from <= previous.to) {
      const byPath = new Map(previous.objects.map((object) => [object.path, object]));
      for (const object of objects) byPath.set(object.path, object);
      entry = {
        ctag,
        from: Math.min(previous.from, entry.from),
        to: Math.max(previous.to, entry.to),
        objects: [...byPath.values()],
        expansions: new Map(),
      };
    }
    this.remove(key);
    if (entry.objects.length > this.maxObjects / 4) return null;
    this.entries.set(key, entry);
    this.objectCount += entry.objects.length;
    this.evict();
    return this.entries.get(key) === entry ? entry : null;
  }

  /** Drops this person's entry for every calendar holding `path` (a calendar or an object in it). */
  invalidate(identity: string, path: string): void {
    const prefix = `${identity}\u0000`;
    for (const key of [...this.entries.keys()]) {
      if (!key.startsWith(prefix)) continue;
      const calendarPath = key.slice(prefix.length);
      const folder = calendarPath.endsWith("/") ? calendarPath : `${calendarPath}/`;
      if (path === calendarPath || path.startsWith(folder)) this.remove(key);
    }
  }

  /** Drops every entry whose identity starts with `identityPrefix` (a person disconnecting). */
  forgetIdentities(identityPrefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(identityPrefix)) this.remove(key);
  }

  clear(): void {
    this.entries.clear();
    this.objectCount = 0;
  }

  /** Sizes, for tests and diagnostics (no content). */
  stats(): { entries: number; objects: number } {
    return { entries: this.entries.size, objects: this.objectCount };
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.objectCount -= weightOf(entry);
  }

  private evict(): void {
    while (this.entries.size > this.maxEntries || this.objectCount > this.maxObjects) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
  }
}

/** The process-wide cache the agenda uses. */
export const calendarObjectCache = new CalendarObjectCache();
