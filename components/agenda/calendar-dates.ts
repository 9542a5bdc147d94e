/**
 * Calendar arithmetic in one named time zone (Europe/Paris by default, i18n/locales.ts TIME_ZONE),
 * whatever the browser's own zone: the agenda's days start at midnight in Paris for a doctor on a
 * workstation set to UTC too, and the server (widget) and the browser agree.
 *
 * Civil dates travel as "YYYY-MM-DD" strings; arithmetic on them is done in UTC, where every day
 * has 24 hours. Instants are converted with Intl only (no time zone database shipped).
 * Weeks start on Monday (ISO 8601, the French convention).
 */

export type CivilDate = string;

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

function parts(date: CivilDate): [number, number, number] {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return [year, month, day];
}

export function civilDate(year: number, month: number, day: number): CivilDate {
  const utc = new Date(Date.UTC(year, month - 1, day));
  return `${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}`;
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const [year, month, day] = parts(date);
  return civilDate(year, month, day + days);
}

export function addMonths(date: CivilDate, months: number): CivilDate {
  const [year, month, day] = parts(date);
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return civilDate(year, month + months, Math.min(day, lastDay));
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(date: CivilDate): number {
  const [year, month, day] = parts(date);
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

export function startOfWeek(date: CivilDate): CivilDate {
  return addDays(date, -weekdayIndex(date));
}

export function startOfMonth(date: CivilDate): CivilDate {
  const [year, month] = parts(date);
  return civilDate(year, month, 1);
}

/** Days between two civil dates (b − a). */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface ZonedParts {
  date: CivilDate;
  hour: number;
  minute: number;
}

/** The wall-clock date and time of an instant in a zone. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const values: Record<string, number> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") values[part.type] = Number(part.value);
  }
  return {
    date: civilDate(values.year ?? 1970, values.month ?? 1, values.day ?? 1),
    hour: (values.hour ?? 0) % 24,
    minute: values.minute ?? 0,
  };
}

function offsetMinutes(instant: Date, timeZone: string): number {
  const local = zonedParts(instant, timeZone);
  const [year, month, day] = parts(local.date);
  const asUtc = Date.UTC(year, month - 1, day, local.hour, local.minute);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The instant of a wall-clock time in a zone. A time skipped by the spring change (02:30 on the
 * last Sunday of March in Paris) resolves to the instant after the gap; a repeated autumn time to
 * its first occurrence.
 */
export function zonedInstant(date: CivilDate, hour: number, minute: number, timeZone: string): Date {
  const [year, month, day] = parts(date);
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  // The zone's offsets around that day (a change happens at most once in a day here).
  const offsets = new Set(
    [-86_400_000, 0, 86_400_000].map((shift) => offsetMinutes(new Date(guess + shift), timeZone)),
  );
  const candidates = [...offsets].map((offset) => guess - offset * 60_000).sort((a, b) => a - b);
  const exact = candidates.filter((candidate) => {
    const local = zonedParts(new Date(candidate), timeZone);
    return local.date === date && local.hour === hour && local.minute === minute;
  });
  // Repeated time: the first one. Skipped time: computed with the offset before the gap (the later instant).
  return new Date(exact[0] ?? candidates[candidates.length - 1] ?? guess);
}

/** Midnight starting that day in the zone. */
export function startOfDayInstant(date: CivilDate, timeZone: string): Date {
  return zonedInstant(date, 0, 0, timeZone);
}

/** Today's civil date in the zone. */
export function todayIn(timeZone: string, now: Date = new Date()): CivilDate {
  return zonedParts(now, timeZone).date;
}

export function isCivilDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = parts(value);
  return civilDate(year, month, day) === value;
}

export const timeString = (hour: number, minute: number) => `${pad(hour)}:${pad(minute)}`;
