/**
 * What the Agenda API accepts, checked before anything reaches the CalDAV server: ISO dates,
 * ranges of at most 62 days, bounded text without control characters (a CR/LF could otherwise try
 * to start an iCalendar line; ical.js escapes text, this refuses it first), attendees as real
 * addresses, recurrences the portal knows how to write, and zones it has a VTIMEZONE for.
 */
import "server-only";
import { z } from "zod";
import { WRITABLE_TIME_ZONES } from "@/integrations/caldav";
import { API_WEEKDAYS } from "@/components/agenda/api/types";

export const MAX_RANGE_DAYS = 62;
const DAY_MS = 24 * 60 * 60 * 1000;

const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_EXCEPT_NEWLINE_TAB = /[\u0000-\u0008\u000b-\u001f\u007f]/;

const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .refine((value) => !CONTROL.test(value), "must not contain control characters or line breaks");

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

function isRealDate(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && year <= 2200 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isRealTime(value: string): boolean {
  const [hour, minute] = value.slice(11).split(":").map(Number) as [number, number];
  return hour <= 23 && minute <= 59;
}

const isoInstant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with a time zone" });

export const ZEventsQuery = z
  .object({
    from: isoInstant,
    to: isoInstant,
    /** Comma-separated calendar ids; every calendar when absent. */
    calendars: z
      .string()
      .max(20_000)
      .regex(/^[A-Za-z0-9_,-]*$/, "comma-separated calendar ids")
      .optional(),
  })
  .refine((query) => Date.parse(query.to) > Date.parse(query.from), { path: ["to"], message: "must be after from" })
  .refine((query) => Date.parse(query.to) - Date.parse(query.from) <= MAX_RANGE_DAYS * DAY_MS, {
    path: ["to"],
    message: `the range is at most ${MAX_RANGE_DAYS} days`,
  });

export const ZRecurrence = z
  .object({
    freq: z.enum(["DAILY", "WEEKLY", "MONTHLY"]),
    interval: z.number().int().min(1).max(99).default(1),
    byDay: z.array(z.enum(API_WEEKDAYS)).max(7).default([]),
    count: z.number().int().min(1).max(730).nullable().default(null),
    until: z.string().regex(DATE, "must be YYYY-MM-DD").refine(isRealDate, "not a real date").nullable().default(null),
  })
  .refine((rule) => rule.count === null || rule.until === null, { message: "give a count or an end date, not both" })
  .refine((rule) => new Set(rule.byDay).size === rule.byDay.length, { path: ["byDay"], message: "days repeat" })
  .refine((rule) => rule.byDay.length === 0 || rule.freq === "WEEKLY", {
    path: ["byDay"],
    message: "days are for weekly rules",
  });

const ZAttendee = z.object({
  email: z.email("must be an e-mail address").max(254),
  name: singleLine(200)
    .refine((value) => !value.includes('"'), "must not contain double quotes")
    .nullable()
    .optional(),
  role: z.enum(["CHAIR", "REQ-PARTICIPANT", "OPT-PARTICIPANT", "NON-PARTICIPANT"]).default("REQ-PARTICIPANT"),
});

export const ZEventBody = z
  .object({
    summary: singleLine(300).refine((value) => value.length > 0, "is required"),
    location: singleLine(300).nullable().optional(),
    description: z
      .string()
      .max(8000, "at most 8000 characters")
      .refine((value) => !CONTROL_EXCEPT_NEWLINE_TAB.test(value), "must not contain control characters")
      .transform((value) => value.replace(/\r\n?/g, "\n"))
      .nullable()
      .optional(),
    allDay: z.boolean(),
    start: z.string().max(16),
    end: z.string().max(16),
    timeZone: z.enum(["UTC", ...WRITABLE_TIME_ZONES]).default("Europe/Paris"),
    recurrence: ZRecurrence.nullable().optional(),
    attendees: z.array(ZAttendee).max(100, "at most 100 attendees").default([]),
  })
  .superRefine((event, context) => {
    const pattern = event.allDay ? DATE : LOCAL_DATE_TIME;
    const expected = event.allDay ? "YYYY-MM-DD for an all-day event" : "YYYY-MM-DDTHH:mm";
    for (const field of ["start", "end"] as const) {
      const value = event[field];
      if (!pattern.test(value) || !isRealDate(value) || (!event.allDay && !isRealTime(value))) {
        context.addIssue({ code: "custom", path: [field], message: `must be ${expected}` });
      }
    }
    if (event.end <= event.start)
      context.addIssue({ code: "custom", path: ["end"], message: "must be after the start" });
    const days = (Date.parse(event.end.slice(0, 10)) - Date.parse(event.start.slice(0, 10))) / DAY_MS;
    if (days > 366) context.addIssue({ code: "custom", path: ["end"], message: "an event lasts at most a year" });
    if (event.recurrence?.until && event.recurrence.until < event.start.slice(0, 10)) {
      context.addIssue({ code: "custom", path: ["recurrence", "until"], message: "must not be before the start" });
    }
    const emails = event.attendees.map((attendee) => attendee.email.toLowerCase());
    if (new Set(emails).size !== emails.length) {
      context.addIssue({ code: "custom", path: ["attendees"], message: "an attendee is listed twice" });
    }
  });

export type TEventBody = z.output<typeof ZEventBody>;

export const ZCreateEventBody = z.object({
  calendarId: z.string().min(1).max(1400),
  event: ZEventBody,
});

const etag = z
  .string()
  .min(1)
  .max(200)
  .refine((value) => !CONTROL.test(value), "is malformed");

export const ZUpdateEventBody = z.object({ etag, event: ZEventBody });

export const ZDeleteEventQuery = z.object({ etag });

export const ZParticipationBody = z.object({
  etag,
  partstat: z.enum(["ACCEPTED", "DECLINED", "TENTATIVE"]),
});

export const ZVideoMeetingBody = z.object({ etag });

/** Route param [id]. */
export const ZEventId = z.string().regex(/^[A-Za-z0-9_-]{1,1400}$/, "event id is malformed");
