/**
 * The portal's view of a CalDAV agenda: calendars, event occurrences (a recurring series already
 * expanded) and what the portal writes back. Times travel as ISO strings: timed events as UTC
 * instants plus the IANA zone they were written in (so editing keeps the author's wall clock),
 * all-day events as dates (end exclusive, as iCalendar has it).
 */

export const WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const PARTSTATS = ["NEEDS-ACTION", "ACCEPTED", "DECLINED", "TENTATIVE", "DELEGATED"] as const;
export type Partstat = (typeof PARTSTATS)[number];

export const ATTENDEE_ROLES = ["CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT", "NON-PARTICIPANT"] as const;
export type AttendeeRole = (typeof ATTENDEE_ROLES)[number];

/** The recurrences the portal edits; anything richer read from the server is shown as `custom`. */
export interface Recurrence {
  freq: "DAILY" | "WEEKLY" | "MONTHLY";
  /** Every n days/weeks/months (1 by default). */
  interval: number;
  /** WEEKLY only: the days; the start's weekday when empty. */
  byDay: Weekday[];
  /** At most one of count/until; neither = forever. */
  count: number | null;
  /** Last day (inclusive), YYYY-MM-DD, in the event's zone. */
  until: string | null;
}

export interface Person {
  email: string;
  name: string | null;
}

export interface Attendee extends Person {
  role: AttendeeRole;
  partstat: Partstat;
}

export interface CalendarInfo {
  /** Absolute path of the collection on the CalDAV server (always under its origin). */
  path: string;
  name: string;
  /** #rrggbb, or null when the server has none. */
  color: string | null;
  /** Changes whenever something in the calendar does (CalendarServer's getctag or sync-token). */
  ctag: string | null;
  canWrite: boolean;
}

export interface EventOccurrence {
  /** Path of the calendar object resource (.ics) holding the series. */
  path: string;
  etag: string | null;
  uid: string;
  /** This occurrence's original start (RECURRENCE-ID) for a recurring series, null otherwise. */
  recurrenceId: string | null;
  summary: string;
  location: string | null;
  description: string | null;
  allDay: boolean;
  /** Timed: ISO instant (UTC). All-day: YYYY-MM-DD. */
  start: string;
  /** Timed: ISO instant (UTC). All-day: YYYY-MM-DD, exclusive. */
  end: string;
  /** The zone the start was written in (Europe/Paris for floating and all-day times). */
  timeZone: string;
  /** The series' rule when the portal can edit it; `custom` when the server holds a richer one. */
  recurrence: Recurrence | "custom" | null;
  organizer: Person | null;
  attendees: Attendee[];
}

/** What the portal writes: a new event, or the new state of an existing one. */
export interface EventInput {
  summary: string;
  location: string | null;
  description: string | null;
  allDay: boolean;
  /** Timed: wall-clock YYYY-MM-DDTHH:mm in `timeZone`. All-day: YYYY-MM-DD. */
  start: string;
  /** Timed: wall-clock YYYY-MM-DDTHH:mm in `timeZone`. All-day: YYYY-MM-DD, exclusive. */
  end: string;
  timeZone: string;
  recurrence: Recurrence | null;
  /** The author when there are attendees (the connected user); null on an edit keeps the stored ORGANIZER. */
  organizer: Person | null;
  attendees: Array<Person & { role: AttendeeRole; partstat: Partstat }>;
}
