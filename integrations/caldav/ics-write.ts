/**
 * Writes events as iCalendar with ical.js: a new calendar object for a new event, or the existing
 * object modified in place for an edit, so properties the portal does not edit (alarms, categories,
 * another client's X- properties) survive. Timed events carry DTSTART/DTEND with TZID and the
 * matching VTIMEZONE; all-day events are VALUE=DATE. ical.js escapes TEXT values (commas,
 * semicolons, backslashes, line breaks), and control characters are refused before that, so no
 * input can start a new iCalendar line.
 */
import "server-only";
import ICAL from "ical.js";
import { parseCalendarObject } from "@/integrations/caldav/ics-read";
import { timezoneFor, vtimezoneFor } from "@/integrations/caldav/time-zones";
import type { EventInput, Partstat, Person, Recurrence } from "@/integrations/caldav/types";

type IcalComponent = InstanceType<typeof ICAL.Component>;
type IcalTime = InstanceType<typeof ICAL.Time>;

export const PRODID = "-//Hospital workspace portal//Agenda//FR";

/** C0 controls except tab and line feed, DEL: never written (a CR would start a new content line). */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/;

export class InvalidEventInputError extends Error {
  override name = "InvalidEventInputError";
}

/** Someone else's meeting: the user may answer it, not rewrite it. */
export class NotOrganizerError extends Error {
  override name = "NotOrganizerError";
}

function checkText(label: string, value: string | null, allowNewLines: boolean): void {
  if (value === null) return;
  if (CONTROL_CHARACTERS.test(value) || (!allowNewLines && value.includes("\n"))) {
    throw new InvalidEventInputError(`${label} contains control characters`);
  }
}

/** A CN parameter cannot hold a double quote (RFC 5545 §3.2); it is dropped. */
const paramText = (value: string) => value.replace(/"/g, "").trim();

function wallTime(value: string, allDay: boolean, tzid: string): IcalTime {
  const match = allDay
    ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
    : /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match)
    throw new InvalidEventInputError(
      `bad ${allDay ? "date" : "date-time"}: expected ${allDay ? "YYYY-MM-DD" : "YYYY-MM-DDTHH:mm"}`,
    );
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number?, number?];
  if (allDay) return ICAL.Time.fromData({ year, month, day, isDate: true });
  const zone = tzid === "UTC" ? ICAL.Timezone.utcTimezone : timezoneFor(tzid);
  return ICAL.Time.fromData({ year, month, day, hour: hour ?? 0, minute: minute ?? 0, second: 0, isDate: false }, zone);
}

function recurValue(recurrence: Recurrence, start: IcalTime, tzid: string): InstanceType<typeof ICAL.Recur> {
  const data: Record<string, unknown> = { freq: recurrence.freq, interval: recurrence.interval };
  if (recurrence.freq === "WEEKLY" && recurrence.byDay.length > 0) data.byday = [...recurrence.byDay];
  if (recurrence.count !== null) data.count = recurrence.count;
  else if (recurrence.until !== null) {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(recurrence.until);
    if (!match) throw new InvalidEventInputError("bad recurrence end date");
    const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
    if (start.isDate) {
      data.until = ICAL.Time.fromData({ year, month, day, isDate: true });
    } else {
      // RFC 5545 §3.3.10: with a zoned DTSTART, UNTIL is UTC. The last day counts in full.
      const zone = tzid === "UTC" ? ICAL.Timezone.utcTimezone : timezoneFor(tzid);
      const endOfDay = ICAL.Time.fromData({ year, month, day, hour: 23, minute: 59, second: 59, isDate: false }, zone);
      data.until = endOfDay.convertToZone(ICAL.Timezone.utcTimezone);
    }
  }
  return ICAL.Recur.fromData(data as Parameters<typeof ICAL.Recur.fromData>[0]);
}

function personProperty(name: "organizer" | "attendee", person: Person): InstanceType<typeof ICAL.Property> {
  const property = new ICAL.Property(name);
  property.setValue(`mailto:${person.email}`);
  if (person.name) property.setParameter("cn", paramText(person.name));
  return property;
}

function validate(input: EventInput): void {
  checkText("summary", input.summary, false);
  checkText("location", input.location, false);
  checkText("description", input.description, true);
  for (const person of [...input.attendees, ...(input.organizer ? [input.organizer] : [])]) {
    checkText("attendee", person.name, false);
    if (/[\s"<>]|[\u0000-\u001f]/.test(person.email)) throw new InvalidEventInputError("bad attendee address");
  }
}

function ensureTimezone(calendar: IcalComponent, tzid: string): void {
  if (tzid === "UTC") return;
  const present = calendar
    .getAllSubcomponents("vtimezone")
    .some((component) => component.getFirstPropertyValue("tzid") === tzid);
  if (!present) calendar.addSubcomponent(vtimezoneFor(tzid));
}

/** Writes the input onto a VEVENT (replacing what the portal edits, keeping the rest). */
function applyToVevent(
  vevent: IcalComponent,
  input: EventInput,
  now: Date,
): { startChanged: boolean; ruleChanged: boolean } {
  const event = new ICAL.Event(vevent);
  const previousStart = vevent.getFirstProperty("dtstart")?.toICALString() ?? "";
  const previousRule = vevent.getFirstProperty("rrule")?.toICALString() ?? "";

  const setText = (name: string, value: string | null) => {
    if (value === null || value === "") vevent.removeAllProperties(name);
    else vevent.updatePropertyWithValue(name, value);
  };
  setText("summary", input.summary);
  setText("location", input.location);
  setText("description", input.description);

  const start = wallTime(input.start, input.allDay, input.timeZone);
  const end = wallTime(input.end, input.allDay, input.timeZone);
  if (end.compare(start) <= 0) throw new InvalidEventInputError("the end must be after the start");
  vevent.removeAllProperties("duration");
  event.startDate = start;
  event.endDate = end;

  vevent.removeAllProperties("rrule");
  if (input.recurrence)
    vevent.addProperty(new ICAL.Property("rrule")).setValue(recurValue(input.recurrence, start, input.timeZone));

  // Answers already given stay: an edit re-sends the attendee list with NEEDS-ACTION for everyone.
  const knownAnswers = new Map<string, string>();
  for (const property of vevent.getAllProperties("attendee")) {
    const match = /^mailto:(.+)$/i.exec(String(property.getFirstValue() ?? "").trim());
    const partstat = property.getParameter("partstat");
    if (match?.[1] && typeof partstat === "string") knownAnswers.set(match[1].toLowerCase(), partstat);
  }
  // A meeting keeps its organizer; one is set when attendees first appear, and dropped with the last.
  if (input.attendees.length === 0) vevent.removeAllProperties("organizer");
  else if (!vevent.hasProperty("organizer") && input.organizer)
    vevent.addProperty(personProperty("organizer", input.organizer));
  vevent.removeAllProperties("attendee");
  for (const attendee of input.attendees) {
    const property = personProperty("attendee", attendee);
    property.setParameter("role", attendee.role);
    const known = knownAnswers.get(attendee.email.toLowerCase());
    property.setParameter("partstat", attendee.partstat === "NEEDS-ACTION" && known ? known : attendee.partstat);
    vevent.addProperty(property);
  }

  const stamp = ICAL.Time.fromJSDate(now, true);
  vevent.updatePropertyWithValue("dtstamp", stamp);
  vevent.updatePropertyWithValue("last-modified", stamp);
  const sequence = Number(vevent.getFirstPropertyValue("sequence") ?? 0);
  vevent.updatePropertyWithValue("sequence", Number.isFinite(sequence) ? sequence + 1 : 1);

  return {
    startChanged: previousStart !== (vevent.getFirstProperty("dtstart")?.toICALString() ?? ""),
    ruleChanged: previousRule !== (vevent.getFirstProperty("rrule")?.toICALString() ?? ""),
  };
}

/** A new calendar object for a new event. */
export function createEventObject(uid: string, input: EventInput, now: Date): string {
  validate(input);
  const calendar = new ICAL.Component(["vcalendar", [], []]);
  calendar.updatePropertyWithValue("prodid", PRODID);
  calendar.updatePropertyWithValue("version", "2.0");
  calendar.updatePropertyWithValue("calscale", "GREGORIAN");
  if (!input.allDay) ensureTimezone(calendar, input.timeZone);
  const vevent = new ICAL.Component("vevent");
  vevent.updatePropertyWithValue("uid", uid);
  vevent.updatePropertyWithValue("created", ICAL.Time.fromJSDate(now, true));
  calendar.addSubcomponent(vevent);
  applyToVevent(vevent, input, now);
  vevent.updatePropertyWithValue("sequence", 0);
  return calendar.toString() + "\r\n";
}

/**
 * The stored object with the series' master replaced by the input, when one of `editorAddresses`
 * is its ORGANIZER (or it is no meeting: no attendees or no organizer). Overrides (RECURRENCE-ID) are
 * kept unless the start or the rule changed: then the occurrences they name may no longer exist,
 * and the series starts afresh (what most calendar clients do on "edit all occurrences").
 */
export function updateEventObject(ics: string, input: EventInput, now: Date, editorAddresses: string[]): string {
  validate(input);
  const calendar = parseCalendarObject(ics);
  const vevents = calendar.getAllSubcomponents("vevent");
  const master = vevents.find((component) => !component.hasProperty("recurrence-id")) ?? vevents[0];
  if (!master) throw new InvalidEventInputError("the stored object holds no event");
  const organizer = /^mailto:(.+)$/i.exec(String(master.getFirstPropertyValue("organizer") ?? "").trim())?.[1];
  const editors = new Set(editorAddresses.map((address) => address.toLowerCase()));
  if (organizer && master.hasProperty("attendee") && !editors.has(organizer.toLowerCase())) {
    throw new NotOrganizerError("only the organizer changes a meeting; attendees answer it");
  }
  const { startChanged, ruleChanged } = applyToVevent(master, input, now);
  if (startChanged || ruleChanged || !input.recurrence) {
    for (const component of vevents) if (component !== master) calendar.removeSubcomponent(component);
  }
  if (!input.allDay) ensureTimezone(calendar, input.timeZone);
  return calendar.toString() + "\r\n";
}

/**
 * The stored object with the user's own PARTSTAT set on every VEVENT of the series where they are
 * an ATTENDEE (matched by address, case-insensitively); RSVP is cleared. Returns null when the
 * user is not an attendee.
 */
export function setParticipationInObject(
  ics: string,
  addresses: string[],
  partstat: Partstat,
  now: Date,
): string | null {
  const wanted = new Set(addresses.map((address) => address.toLowerCase()));
  const calendar = parseCalendarObject(ics);
  let found = false;
  for (const vevent of calendar.getAllSubcomponents("vevent")) {
    for (const attendee of vevent.getAllProperties("attendee")) {
      const value = String(attendee.getFirstValue() ?? "");
      const match = /^mailto:(.+)$/i.exec(value.trim());
      if (!match?.[1] || !wanted.has(match[1].toLowerCase())) continue;
      attendee.setParameter("partstat", partstat);
      attendee.removeParameter("rsvp");
      found = true;
    }
    if (found) vevent.updatePropertyWithValue("dtstamp", ICAL.Time.fromJSDate(now, true));
  }
  return found ? calendar.toString() + "\r\n" : null;
}

/**
 * The stored object with a video meeting link on every VEVENT: a CONFERENCE property (RFC 7986,
 * for clients that show a "join" button), the LOCATION when it was empty, and a line in the
 * DESCRIPTION (what every client shows).
 */
export function addConferenceToObject(ics: string, joinUrl: string, label: string, now: Date): string {
  if (!/^https:\/\/[^\s"<>]+$/.test(joinUrl) || CONTROL_CHARACTERS.test(joinUrl)) {
    throw new InvalidEventInputError("the video meeting link is not an https URL");
  }
  checkText("label", label, false);
  const calendar = parseCalendarObject(ics);
  for (const vevent of calendar.getAllSubcomponents("vevent")) {
    const already = vevent.getAllProperties("conference").some((property) => property.getFirstValue() === joinUrl);
    if (already) continue;
    const conference = new ICAL.Property("conference");
    conference.resetType("uri");
    conference.setValue(joinUrl);
    conference.setParameter("feature", "VIDEO");
    conference.setParameter("label", paramText(label));
    vevent.addProperty(conference);
    if (!vevent.getFirstPropertyValue("location")) vevent.updatePropertyWithValue("location", joinUrl);
    const description = String(vevent.getFirstPropertyValue("description") ?? "");
    vevent.updatePropertyWithValue("description", `${description}${description ? "\n\n" : ""}${label} : ${joinUrl}`);
    vevent.updatePropertyWithValue("dtstamp", ICAL.Time.fromJSDate(now, true));
  }
  return calendar.toString() + "\r\n";
}
