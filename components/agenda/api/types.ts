/**
 * The Agenda API's data shapes, shared by the route handlers (server/agenda, app/api/agenda) and
 * the browser (components/agenda): one definition, so the two cannot drift. Ids are opaque to
 * the browser: the server maps them to paths on the CalDAV server it discovered for the user.
 */

export const API_WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type TWeekday = (typeof API_WEEKDAYS)[number];

export type TPartstat = "NEEDS-ACTION" | "ACCEPTED" | "DECLINED" | "TENTATIVE" | "DELEGATED";
export type TAttendeeRole = "CHAIR" | "REQ-PARTICIPANT" | "OPT-PARTICIPANT" | "NON-PARTICIPANT";

export interface TRecurrence {
  freq: "DAILY" | "WEEKLY" | "MONTHLY";
  interval: number;
  byDay: TWeekday[];
  count: number | null;
  until: string | null;
}

export interface TAgendaCalendar {
  id: string;
  name: string;
  color: string | null;
  canWrite: boolean;
}

export interface TAgendaPerson {
  email: string;
  name: string | null;
}

export interface TAgendaAttendee extends TAgendaPerson {
  role: TAttendeeRole;
  partstat: TPartstat;
}

export interface TAgendaEvent {
  /** The series (calendar object) id: edit, delete and answer use it. */
  id: string;
  /** Unique per occurrence (a series repeats its `id`). */
  key: string;
  calendarId: string;
  etag: string | null;
  recurrenceId: string | null;
  summary: string;
  location: string | null;
  description: string | null;
  allDay: boolean;
  /** Timed: ISO instant. All-day: YYYY-MM-DD. */
  start: string;
  /** Timed: ISO instant. All-day: YYYY-MM-DD (exclusive). */
  end: string;
  timeZone: string;
  recurrence: TRecurrence | "custom" | null;
  organizer: TAgendaPerson | null;
  attendees: TAgendaAttendee[];
  /** The user's own answer when they are invited by someone else; null when they are the organizer or not listed. */
  myPartstat: TPartstat | null;
  canWrite: boolean;
}

export interface TAgendaCalendarsResponse {
  calendars: TAgendaCalendar[];
  /** True when a video meeting provider is registered (the visio module): the "add a video meeting" action shows. */
  videoMeetings: boolean;
  /** Time zones events can be written in. */
  timeZones: string[];
}

export interface TAgendaEventsResponse {
  events: TAgendaEvent[];
  /** Calendars that could not be read this time (their events are missing), with the error code. */
  failures: Array<{ calendarId: string; code: string }>;
}

/** What the browser sends to create or edit an event. */
export interface TAgendaEventBody {
  summary: string;
  location?: string | null;
  description?: string | null;
  allDay: boolean;
  /** Timed: YYYY-MM-DDTHH:mm (wall clock in `timeZone`). All-day: YYYY-MM-DD. */
  start: string;
  end: string;
  timeZone?: string;
  recurrence?: TRecurrence | null;
  attendees?: Array<{ email: string; name?: string | null; role?: TAttendeeRole }>;
}
