"use client";
/**
 * Month view: six weeks from Monday as a table (weekday headers are column headers), each day
 * with its number (a button opening the day), up to three events, and "+n more" opening the day.
 * Days of the neighbouring months are dimmed. Clicking a day's empty space starts an event at 09:00.
 */
import { useTranslations } from "use-intl";
import type { CivilDate } from "@/components/agenda/calendar-dates";
import type { CalendarGridProps } from "@/components/agenda/calendar-grid-props";
import { EventChip } from "@/components/agenda/event-chip";
import { touchesDay } from "@/components/agenda/event-placement";

const VISIBLE_PER_DAY = 3;

export function MonthGrid({
  days,
  anchor,
  today,
  events,
  colorOf,
  format,
  onOpenEvent,
  onCreateAt,
  onOpenDay,
}: CalendarGridProps & {
  /** A day of the month shown (the other days are dimmed). */
  anchor: CivilDate;
}) {
  const t = useTranslations("agenda.grid");
  const month = anchor.slice(0, 7);
  const weeks = Array.from({ length: days.length / 7 }, (_, index) => days.slice(index * 7, index * 7 + 7));
  return (
    <table
      className="w-full table-fixed border-collapse rounded-lg border border-border bg-surface text-sm"
      data-testid="agenda-month-grid"
    >
      <thead>
        <tr>
          {(weeks[0] ?? []).map((day) => (
            <th
              key={day}
              scope="col"
              className="border border-border px-1 py-1 text-xs font-medium capitalize text-fg-muted"
            >
              {format.weekday(day)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]}>
            {week.map((day) => {
              const dayEvents = events
                .filter((event) => touchesDay(event, day))
                .sort((a, b) => Number(b.allDay) - Number(a.allDay) || Date.parse(a.start) - Date.parse(b.start));
              const hidden = dayEvents.length - VISIBLE_PER_DAY;
              return (
                <td
                  key={day}
                  className={`h-24 cursor-pointer border border-border p-0.5 align-top sm:h-28 ${day.startsWith(month) ? "" : "bg-surface-muted/60"}`}
                  onClick={() => onCreateAt(day, 9 * 60)}
                >
                  <button
                    type="button"
                    onClick={(click) => {
                      click.stopPropagation();
                      onOpenDay(day);
                    }}
                    aria-current={day === today ? "date" : undefined}
                    className={`mb-0.5 rounded px-1.5 text-xs ${day === today ? "bg-primary font-semibold text-on-primary" : day.startsWith(month) ? "hover:bg-surface-muted" : "text-fg-muted hover:bg-surface-muted"}`}
                  >
                    {format.dayOfMonth(day)}
                    <span className="sr-only">, {format.fullDate(day)}</span>
                  </button>
                  <div className="space-y-0.5">
                    {dayEvents.slice(0, VISIBLE_PER_DAY).map((event) => (
                      <EventChip
                        key={event.key}
                        event={event}
                        color={colorOf(event)}
                        when={format.eventWhen(event)}
                        timeLabel={event.allDay ? "" : format.timeOf(event.start)}
                        onOpen={onOpenEvent}
                        compact
                      />
                    ))}
                    {hidden > 0 && (
                      <button
                        type="button"
                        className="px-1 text-xs text-primary-ink underline"
                        onClick={(click) => {
                          click.stopPropagation();
                          onOpenDay(day);
                        }}
                      >
                        {t("more", { count: hidden })}
                        <span className="sr-only">
                          , {t("moreLabel", { count: hidden, date: format.fullDate(day) })}
                        </span>
                      </button>
                    )}
                  </div>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
