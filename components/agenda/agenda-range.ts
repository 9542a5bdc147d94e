/**
 * What a view shows around its anchor date: the days (one, a week from Monday, or the six weeks
 * that frame a month) and the instants bounding them in the portal's zone, for the events query.
 */
import {
  addDays,
  isCivilDate,
  startOfDayInstant,
  startOfMonth,
  startOfWeek,
  type CivilDate,
} from "@/components/agenda/calendar-dates";

export const AGENDA_VIEWS = ["day", "week", "month"] as const;
export type AgendaView = (typeof AGENDA_VIEWS)[number];

export interface AgendaRange {
  days: CivilDate[];
  from: Date;
  to: Date;
}

export function agendaRange(view: AgendaView, anchor: CivilDate, timeZone: string): AgendaRange {
  const first = view === "day" ? anchor : view === "week" ? startOfWeek(anchor) : startOfWeek(startOfMonth(anchor));
  const count = view === "day" ? 1 : view === "week" ? 7 : 42;
  const days = Array.from({ length: count }, (_, index) => addDays(first, index));
  return { days, from: startOfDayInstant(first, timeZone), to: startOfDayInstant(addDays(first, count), timeZone) };
}

/** The anchor one period before or after. */
export function shiftAnchor(view: AgendaView, anchor: CivilDate, direction: -1 | 1): CivilDate {
  if (view === "day") return addDays(anchor, direction);
  if (view === "week") return addDays(anchor, 7 * direction);
  const [year, month] = anchor.split("-").map(Number) as [number, number];
  const target = new Date(Date.UTC(year, month - 1 + direction, 1));
  return `${target.getUTCFullYear()}-${String(target.getUTCMonth() + 1).padStart(2, "0")}-01`;
}

/** The view and date from the page's search params, when valid (anything else: the defaults). */
export function parseAgendaParams(view: unknown, date: unknown): { view: AgendaView | null; date: CivilDate | null } {
  return {
    view: typeof view === "string" && (AGENDA_VIEWS as readonly string[]).includes(view) ? (view as AgendaView) : null,
    date: typeof date === "string" && isCivilDate(date) ? date : null,
  };
}
