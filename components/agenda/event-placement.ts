/**
 * Where an event falls in the grid: which civil days it touches and, for a timed event, its
 * minutes within one day (clipped by the day-column layout).
 */
import { TIME_ZONE } from "@/i18n/locales";
import { addDays, startOfDayInstant, type CivilDate } from "@/components/agenda/calendar-dates";
import type { TAgendaEvent } from "@/components/agenda/api/types";

export function touchesDay(event: TAgendaEvent, day: CivilDate): boolean {
  if (event.allDay) return event.start <= day && event.end > day;
  const dayStart = startOfDayInstant(day, TIME_ZONE).getTime();
  const dayEnd = startOfDayInstant(addDays(day, 1), TIME_ZONE).getTime();
  const start = Date.parse(event.start);
  const end = Date.parse(event.end);
  return start < dayEnd && (end > dayStart || (end === start && start >= dayStart));
}

/** Minutes since the day's midnight (can be negative or past 1440 for events crossing midnight). */
export function minutesInDay(event: TAgendaEvent, day: CivilDate): { start: number; end: number } {
  const dayStart = startOfDayInstant(day, TIME_ZONE).getTime();
  return {
    start: Math.round((Date.parse(event.start) - dayStart) / 60_000),
    end: Math.round((Date.parse(event.end) - dayStart) / 60_000),
  };
}
