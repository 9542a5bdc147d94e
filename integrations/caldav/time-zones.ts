/**
 * The time zones the portal writes events in, each with the VTIMEZONE it puts beside them
 * (RFC 5545 requires one per TZID used): metropolitan France (with its daylight-saving rules) and
 * the overseas departments and territories where French hospitals run (no daylight saving).
 *
 * These fixed definitions are also registered in ical.js's global TimezoneService, as the fallback
 * for objects that name one of these TZIDs without carrying its VTIMEZONE. Zones a calendar object
 * defines itself are resolved from that object only (ical.js looks in the component tree first),
 * so one user's data can never change how another user's times are read.
 */
import "server-only";
import ICAL from "ical.js";

export const DEFAULT_TIME_ZONE = "Europe/Paris";

const PARIS = [
  "BEGIN:VTIMEZONE",
  "TZID:Europe/Paris",
  "BEGIN:DAYLIGHT",
  "TZOFFSETFROM:+0100",
  "TZOFFSETTO:+0200",
  "TZNAME:CEST",
  "DTSTART:19700329T020000",
  "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "END:DAYLIGHT",
  "BEGIN:STANDARD",
  "TZOFFSETFROM:+0200",
  "TZOFFSETTO:+0100",
  "TZNAME:CET",
  "DTSTART:19701025T030000",
  "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
  "END:STANDARD",
  "END:VTIMEZONE",
].join("\r\n");

function fixedOffset(tzid: string, offset: string, name: string): string {
  return [
    "BEGIN:VTIMEZONE",
    `TZID:${tzid}`,
    "BEGIN:STANDARD",
    `TZOFFSETFROM:${offset}`,
    `TZOFFSETTO:${offset}`,
    `TZNAME:${name}`,
    "DTSTART:19700101T000000",
    "END:STANDARD",
    "END:VTIMEZONE",
  ].join("\r\n");
}

const DEFINITIONS: Record<string, string> = {
  "Europe/Paris": PARIS,
  "America/Guadeloupe": fixedOffset("America/Guadeloupe", "-0400", "AST"),
  "America/Martinique": fixedOffset("America/Martinique", "-0400", "AST"),
  "America/Cayenne": fixedOffset("America/Cayenne", "-0300", "-03"),
  "Indian/Reunion": fixedOffset("Indian/Reunion", "+0400", "+04"),
  "Indian/Mayotte": fixedOffset("Indian/Mayotte", "+0300", "EAT"),
  "Pacific/Noumea": fixedOffset("Pacific/Noumea", "+1100", "+11"),
  "Pacific/Tahiti": fixedOffset("Pacific/Tahiti", "-1000", "-10"),
};

export const WRITABLE_TIME_ZONES = Object.keys(DEFINITIONS) as [string, ...string[]];

const components = new Map<string, ICAL.Component>();
for (const [tzid, text] of Object.entries(DEFINITIONS)) {
  const component = new ICAL.Component(ICAL.parse(text) as unknown[]);
  components.set(tzid, component);
  if (!ICAL.TimezoneService.has(tzid)) ICAL.TimezoneService.register(component);
}

/** A fresh copy of the VTIMEZONE for a writable zone (to add to a VCALENDAR). */
export function vtimezoneFor(tzid: string): ICAL.Component {
  const component = components.get(tzid);
  if (!component) throw new Error(`no VTIMEZONE for ${tzid}`);
  return new ICAL.Component(JSON.parse(JSON.stringify(component.toJSON())) as unknown[]);
}

/** The registered zone object (for building ICAL.Time values). */
export function timezoneFor(tzid: string): ICAL.Timezone {
  const zone = ICAL.TimezoneService.get(tzid);
  if (!zone) throw new Error(`time zone ${tzid} is not registered`);
  return zone;
}
