/**
 * Reads a calendar object resource (one .ics: a VEVENT series with its overrides) into the
 * occurrences that overlap a time range, with ical.js doing the recurrence arithmetic: RRULE and
 * RDATE expand, EXDATE removes, a VEVENT with a RECURRENCE-ID replaces the occurrence it names (even
 * one moved into the range from outside it). Times in a named zone are resolved from the object's
 * own VTIMEZONE (or the portal's fixed definitions); floating times and all-day dates are read in
 * Europe/Paris, the portal's default zone, so that a range query agrees with what the user sees.
 */
import "server-only";
import ICAL from "ical.js";
import { DEFAULT_TIME_ZONE, timezoneFor } from "@/integrations/caldav/time-zones";
import {
  ATTENDEE_ROLES,
  PARTSTATS,
  WEEKDAYS,
  type Attendee,
  type AttendeeRole,
  type EventOccurrence,
  type Partstat,
  type Person,
  type Recurrence,
  type Weekday,
} from "@/integrations/caldav/types";

type IcalTime = InstanceType<typeof ICAL.Time>;
type IcalComponent = InstanceType<typeof ICAL.Component>;
type IcalEvent = InstanceType<typeof ICAL.Event>;
type IcalProperty = InstanceType<typeof ICAL.Property>;

/** A runaway rule (FREQ=SECONDLY…) must not hold the process: iterations per series are capped. */
const MAX_ITERATIONS = 20_000;
const MAX_OCCURRENCES_PER_SERIES = 1_000;

export class UnreadableCalendarObjectError extends Error {
  override name = "UnreadableCalendarObjectError";
}

export function parseCalendarObject(ics: string): IcalComponent {
  try {
    const component = new ICAL.Component(ICAL.parse(ics) as unknown[]);
    if (component.name !== "vcalendar") throw new Error("not a VCALENDAR");
    return component;
  } catch (error) {
    throw new UnreadableCalendarObjectError("calendar object could not be parsed", { cause: error });
  }
}

function isFloating(time: IcalTime): boolean {
  return time.zone === ICAL.Timezone.localTimezone || time.zone?.tzid === "floating" || !time.zone;
}

/** The instant of a time; floating times and dates are read in the default zone. */
export function instantOf(time: IcalTime): Date {
  if (time.isDate || isFloating(time)) {
    return ICAL.Time.fromData(
      {
        year: time.year,
        month: time.month,
        day: time.day,
        hour: time.isDate ? 0 : time.hour,
        minute: time.isDate ? 0 : time.minute,
        second: time.isDate ? 0 : time.second,
        isDate: false,
      },
      timezoneFor(DEFAULT_TIME_ZONE),
    ).toJSDate();
  }
  return time.toJSDate();
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");
const dateString = (time: IcalTime) => `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;

function zoneName(time: IcalTime): string {
  if (time.isDate || isFloating(time)) return DEFAULT_TIME_ZONE;
  const tzid = time.zone?.tzid;
  return tzid && tzid !== "floating" ? tzid : DEFAULT_TIME_ZONE;
}

function mailtoOf(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match = /^mailto:(.+)$/i.exec(value.trim());
  return match?.[1] ? match[1].toLowerCase() : null;
}

function personOf(property: IcalProperty | null): Person | null {
  if (!property) return null;
  const email = mailtoOf(property.getFirstValue());
  if (!email) return null;
  const cn = property.getParameter("cn");
  return { email, name: typeof cn === "string" && cn.trim() ? cn.trim() : null };
}

function attendeesOf(component: IcalComponent): Attendee[] {
  const attendees: Attendee[] = [];
  for (const property of component.getAllProperties("attendee")) {
    const person = personOf(property);
    if (!person) continue;
    const role = String(property.getParameter("role") ?? "REQ-PARTICIPANT").toUpperCase();
    const partstat = String(property.getParameter("partstat") ?? "NEEDS-ACTION").toUpperCase();
    attendees.push({
      ...person,
      role: (ATTENDEE_ROLES as readonly string[]).includes(role) ? (role as AttendeeRole) : "REQ-PARTICIPANT",
      partstat: (PARTSTATS as readonly string[]).includes(partstat) ? (partstat as Partstat) : "NEEDS-ACTION",
    });
  }
  return attendees;
}

/** The series' rule in the portal's simple model, `custom` when it is richer, null when none. */
export function recurrenceOf(master: IcalComponent): Recurrence | "custom" | null {
  const rules = master.getAllProperties("rrule");
  if (rules.length === 0) return master.getFirstProperty("rdate") ? "custom" : null;
  if (rules.length > 1 || master.getFirstProperty("rdate")) return "custom";
  const rule = rules[0]?.getFirstValue() as InstanceType<typeof ICAL.Recur>;
  if (rule.freq !== "DAILY" && rule.freq !== "WEEKLY" && rule.freq !== "MONTHLY") return "custom";
  const parts = Object.keys(rule.parts ?? {});
  const byDay = (rule.parts?.BYDAY ?? []) as string[];
  if (parts.some((part) => part !== "BYDAY" && part !== "WKST")) return "custom";
  if (
    byDay.length > 0 &&
    (rule.freq !== "WEEKLY" || byDay.some((day) => !(WEEKDAYS as readonly string[]).includes(day)))
  ) {
    return "custom";
  }
  let until: string | null = null;
  if (rule.until) {
    const start = master.getFirstPropertyValue("dtstart") as IcalTime;
    const zoned =
      rule.until.isDate || start.isDate || isFloating(start) ? rule.until : rule.until.convertToZone(start.zone);
    until = dateString(zoned);
  }
  return {
    freq: rule.freq,
    interval: rule.interval || 1,
    byDay: byDay as Weekday[],
    count: rule.count ?? null,
    until,
  };
}

export interface StoredObject {
  path: string;
  etag: string | null;
  ics: string;
}

function occurrence(
  object: Pick<StoredObject, "path" | "etag">,
  item: IcalEvent,
  start: IcalTime,
  end: IcalTime,
  recurrenceId: IcalTime | null,
  recurrence: Recurrence | "custom" | null,
): EventOccurrence {
  const component = item.component;
  const allDay = start.isDate;
  return {
    path: object.path,
    etag: object.etag,
    uid: item.uid,
    recurrenceId: recurrenceId
      ? recurrenceId.isDate
        ? dateString(recurrenceId)
        : instantOf(recurrenceId).toISOString()
      : null,
    summary: item.summary ?? "",
    location: item.location || null,
    description: item.description || null,
    allDay,
    start: allDay ? dateString(start) : instantOf(start).toISOString(),
    end: allDay ? dateString(end) : instantOf(end).toISOString(),
    timeZone: zoneName(start),
    recurrence,
    organizer: personOf(component.getFirstProperty("organizer")),
    attendees: attendeesOf(component),
  };
}

/** End of an occurrence: DTEND, or DTSTART + DURATION, or one day (all-day) / zero (timed). */
function endOf(start: IcalTime, end: IcalTime | null): IcalTime {
  if (end && end.compare(start) > 0) return end;
  const fallback = start.clone();
  if (start.isDate) fallback.day += 1;
  return fallback;
}

function overlaps(start: IcalTime, end: IcalTime, from: Date, to: Date): boolean {
  const startMs = instantOf(start).getTime();
  const endMs = instantOf(end).getTime();
  // A zero-length event at `from` still shows (start inclusive).
  return startMs < to.getTime() && (endMs > from.getTime() || (endMs === startMs && startMs >= from.getTime()));
}

/** The occurrences of one stored object that overlap [from, to), sorted by start. */
export function occurrencesInRange(object: StoredObject, from: Date, to: Date): EventOccurrence[] {
  return occurrencesOfParsed(object, parseCalendarObject(object.ics), from, to);
}

/**
 * The same from an already parsed VCALENDAR (the agenda's cache keeps those): reads `calendar`
 * without changing it, so one parsed object can serve many requests.
 */
export function occurrencesOfParsed(
  object: Pick<StoredObject, "path" | "etag">,
  calendar: IcalComponent,
  from: Date,
  to: Date,
): EventOccurrence[] {
  const vevents = calendar.getAllSubcomponents("vevent");
  const masters = vevents.filter((component) => !component.hasProperty("recurrence-id"));
  const overrides = vevents.filter((component) => component.hasProperty("recurrence-id"));
  const results: EventOccurrence[] = [];

  for (const master of masters) {
    const uid = master.getFirstPropertyValue("uid");
    const related = overrides.filter((component) => component.getFirstPropertyValue("uid") === uid);
    const event = new ICAL.Event(master, { exceptions: related });
    if (!event.startDate) continue;
    if (!event.isRecurring()) {
      const end = endOf(event.startDate, event.endDate);
      if (overlaps(event.startDate, end, from, to))
        results.push(occurrence(object, event, event.startDate, end, null, null));
      continue;
    }
    const recurrence = recurrenceOf(master);
    const seen = new Set<string>();
    const iterator = event.iterator();
    const duration = endOf(event.startDate, event.endDate).subtractDate(event.startDate);
    // Stop once an original start is past `to` by more than the series' own length (its end can't reach back).
    const stopAfter = to.getTime() + Math.max(duration.toSeconds(), 0) * 1000;
    let count = 0;
    for (let iterations = 0; iterations < MAX_ITERATIONS; iterations += 1) {
      const next = iterator.next();
      if (!next) break;
      if (instantOf(next).getTime() >= stopAfter) break;
      const details = event.getOccurrenceDetails(next);
      seen.add(details.recurrenceId.toString());
      const end = endOf(details.startDate, details.endDate);
      if (!overlaps(details.startDate, end, from, to)) continue;
      results.push(occurrence(object, details.item, details.startDate, end, details.recurrenceId, recurrence));
      count += 1;
      if (count >= MAX_OCCURRENCES_PER_SERIES) break;
    }
    // Overrides moved into the range from an original start the loop did not reach.
    for (const component of related) {
      const override = new ICAL.Event(component);
      const recurrenceId = override.recurrenceId;
      if (!recurrenceId || seen.has(recurrenceId.toString()) || !override.startDate) continue;
      const end = endOf(override.startDate, override.endDate);
      if (overlaps(override.startDate, end, from, to)) {
        results.push(occurrence(object, override, override.startDate, end, recurrenceId, recurrence));
      }
    }
  }

  // An invitation to a single occurrence can arrive without its master.
  for (const component of overrides) {
    const uid = component.getFirstPropertyValue("uid");
    if (masters.some((master) => master.getFirstPropertyValue("uid") === uid)) continue;
    const override = new ICAL.Event(component);
    if (!override.startDate) continue;
    const end = endOf(override.startDate, override.endDate);
    if (overlaps(override.startDate, end, from, to)) {
      results.push(occurrence(object, override, override.startDate, end, override.recurrenceId, null));
    }
  }
  return results.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/** The series itself (its master's first occurrence), or null when the object holds no event. */
export function seriesOf(object: StoredObject): EventOccurrence | null {
  const calendar = parseCalendarObject(object.ics);
  const vevents = calendar.getAllSubcomponents("vevent");
  const master = vevents.find((component) => !component.hasProperty("recurrence-id")) ?? vevents[0];
  if (!master) return null;
  const event = new ICAL.Event(master);
  if (!event.startDate) return null;
  return occurrence(object, event, event.startDate, endOf(event.startDate, event.endDate), null, recurrenceOf(master));
}
