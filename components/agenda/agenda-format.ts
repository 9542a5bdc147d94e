/**
 * Dates and times as the person reads them, through Intl in their language (fr or en): instants in
 * the portal's zone, civil dates as dates (formatted at UTC midnight, so no zone can shift them).
 */
import { TIME_ZONE } from "@/i18n/locales";
import { addDays, type CivilDate } from "@/components/agenda/calendar-dates";
import type { TAgendaEvent } from "@/components/agenda/api/types";

const atUtcMidnight = (date: CivilDate) => new Date(`${date}T00:00:00Z`);

export class AgendaFormat {
  private readonly time: Intl.DateTimeFormat;
  private readonly dateTime: Intl.DateTimeFormat;
  private readonly longDate: Intl.DateTimeFormat;
  private readonly mediumDate: Intl.DateTimeFormat;
  private readonly monthTitle: Intl.DateTimeFormat;
  private readonly weekdayShort: Intl.DateTimeFormat;
  private readonly dayNumber: Intl.DateTimeFormat;

  constructor(readonly locale: string) {
    this.time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone: TIME_ZONE });
    this.dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short", timeZone: TIME_ZONE });
    this.longDate = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: "UTC" });
    this.mediumDate = new Intl.DateTimeFormat(locale, {
      day: "numeric",
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    });
    this.monthTitle = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" });
    this.weekdayShort = new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
    this.dayNumber = new Intl.DateTimeFormat(locale, { day: "numeric", timeZone: "UTC" });
  }

  timeOf(instant: string | Date): string {
    return this.time.format(new Date(instant));
  }

  /** "lundi 30 novembre 2026". */
  fullDate(date: CivilDate): string {
    return this.longDate.format(atUtcMidnight(date));
  }

  weekday(date: CivilDate): string {
    return this.weekdayShort.format(atUtcMidnight(date));
  }

  dayOfMonth(date: CivilDate): string {
    return this.dayNumber.format(atUtcMidnight(date));
  }

  /** The toolbar's title for a view's days. */
  periodTitle(view: "day" | "week" | "month", days: CivilDate[], anchor: CivilDate): string {
    const first = days[0] ?? anchor;
    const last = days[days.length - 1] ?? anchor;
    if (view === "day") return this.fullDate(anchor);
    if (view === "month") return this.monthTitle.format(atUtcMidnight(anchor));
    return this.mediumDate.formatRange(atUtcMidnight(first), atUtcMidnight(last));
  }

  /** When an event happens, in words: "lundi 30 novembre 2026, 09:00 – 10:00" or the dates of an all-day event. */
  eventWhen(event: Pick<TAgendaEvent, "allDay" | "start" | "end">): string {
    if (event.allDay) {
      const lastDay = addDays(event.end, -1);
      return lastDay <= event.start
        ? this.fullDate(event.start)
        : this.longDate.formatRange(atUtcMidnight(event.start), atUtcMidnight(lastDay));
    }
    return this.dateTime.formatRange(new Date(event.start), new Date(event.end));
  }

  timeRange(event: Pick<TAgendaEvent, "start" | "end">): string {
    return this.time.formatRange(new Date(event.start), new Date(event.end));
  }
}
