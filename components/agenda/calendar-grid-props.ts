/**
 * What the Agenda's grids (month, and week/day) are given: the days shown, today, the events in
 * them with their colours and formatting, and what a click asks of the page. One type, so the
 * page hands both grids the same props and a new one reaches both.
 */
import type { AgendaFormat } from "@/components/agenda/agenda-format";
import type { TAgendaEvent } from "@/components/agenda/api/types";
import type { CivilDate } from "@/components/agenda/calendar-dates";

export interface CalendarGridProps {
  days: CivilDate[];
  today: CivilDate;
  events: TAgendaEvent[];
  colorOf: (event: TAgendaEvent) => string | null;
  format: AgendaFormat;
  /** Open an event's details; `opener` gets the focus back when they close. */
  onOpenEvent: (event: TAgendaEvent, opener: HTMLElement) => void;
  /** Start a new event on that day, at that many minutes after midnight. */
  onCreateAt: (date: CivilDate, minutes: number) => void;
  onOpenDay: (date: CivilDate) => void;
}
