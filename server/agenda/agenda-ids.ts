/**
 * Calendar and event ids as the browser sees them: the base64url of the path on the CalDAV server.
 * They are opaque, never URLs: an id from a request is accepted only when it names one of the
 * calendars discovered for this user (or an object directly inside one), so a crafted id can
 * neither reach another host nor another person's collection, nor climb out with `..`.
 */
import "server-only";
import type { CalendarInfo } from "@/integrations/caldav";
import { AppError } from "@/server/errors";

const ID_PATTERN = /^[A-Za-z0-9_-]{1,1400}$/;

export function encodeAgendaId(path: string): string {
  return Buffer.from(path, "utf8").toString("base64url");
}

function decode(id: string, what: string): string {
  if (!ID_PATTERN.test(id)) throw new AppError("BAD_REQUEST", { userMessage: `${what} id is malformed` });
  const path = Buffer.from(id, "base64url").toString("utf8");
  if (!path.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(path)) {
    throw new AppError("BAD_REQUEST", { userMessage: `${what} id is malformed` });
  }
  // A path that normalises to something else (dot segments, //host) is refused outright.
  const normalised = new URL(path, "http://x.invalid").pathname;
  if (normalised !== path || path.startsWith("//")) {
    throw new AppError("BAD_REQUEST", { userMessage: `${what} id is malformed` });
  }
  return path;
}

export function resolveCalendar(calendars: CalendarInfo[], id: string): CalendarInfo {
  const path = decode(id, "calendar");
  const calendar = calendars.find((candidate) => candidate.path === path);
  if (!calendar) throw new AppError("NOT_FOUND", { userMessage: "no such calendar" });
  return calendar;
}

/** The event's path and the calendar holding it. */
export function resolveEvent(calendars: CalendarInfo[], id: string): { path: string; calendar: CalendarInfo } {
  const path = decode(id, "event");
  const calendar = calendars.find((candidate) => path.startsWith(candidate.path));
  const rest = calendar ? path.slice(calendar.path.length) : "";
  if (!calendar || rest === "" || rest.includes("/")) throw new AppError("NOT_FOUND", { userMessage: "no such event" });
  return { path, calendar };
}
