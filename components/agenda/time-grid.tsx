"use client";
/**
 * Day and week views: a header per day (its name, a button to open that day), a row of all-day
 * events, then 24 hours in which timed events sit at their time, overlapping ones side by side.
 * Clicking an empty place in a day column starts a new event at that half hour (keyboard users
 * have the toolbar's "New event" button); the grid opens scrolled to 07:00.
 */
import { useEffect, useRef } from "react";
import { useTranslations } from "use-intl";
import type { CalendarGridProps } from "@/components/agenda/calendar-grid-props";
import { EventChip } from "@/components/agenda/event-chip";
import { minutesInDay, touchesDay } from "@/components/agenda/event-placement";
import { layoutDayEvents } from "@/components/agenda/layout-day-events";

const HOUR_PX = 48;
const FIRST_VISIBLE_HOUR = 7;

export function TimeGrid({
  days,
  today,
  events,
  colorOf,
  format,
  onOpenEvent,
  onCreateAt,
  onOpenDay,
}: CalendarGridProps) {
  const t = useTranslations("agenda.grid");
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = FIRST_VISIBLE_HOUR * HOUR_PX;
  }, []);
  const columns = `3.5rem repeat(${days.length}, minmax(0, 1fr))`;
  const allDay = events.filter((event) => event.allDay);
  const timed = events.filter((event) => !event.allDay);

  return (
    <div className="rounded-lg border border-border bg-surface" data-testid="agenda-time-grid">
      <div className="grid border-b border-border" style={{ gridTemplateColumns: columns }}>
        <div />
        {days.map((day) => (
          <div key={day} className="border-l border-border px-1 py-1 text-center">
            <button
              type="button"
              onClick={() => onOpenDay(day)}
              aria-current={day === today ? "date" : undefined}
              className={`rounded px-2 py-0.5 text-sm ${day === today ? "bg-primary font-semibold text-on-primary" : "hover:bg-surface-muted"}`}
            >
              <span className="capitalize">{format.weekday(day)}</span> {format.dayOfMonth(day)}
              <span className="sr-only">, {format.fullDate(day)}</span>
            </button>
          </div>
        ))}
      </div>
      <div className="grid border-b border-border" style={{ gridTemplateColumns: columns }}>
        <div className="px-1 py-1 text-right text-xs text-fg-muted">{t("allDay")}</div>
        {days.map((day) => (
          <div key={day} className="min-h-8 space-y-0.5 border-l border-border p-0.5">
            {allDay
              .filter((event) => touchesDay(event, day))
              .map((event) => (
                <EventChip
                  key={event.key}
                  event={event}
                  color={colorOf(event)}
                  when={format.eventWhen(event)}
                  timeLabel=""
                  onOpen={onOpenEvent}
                  compact
                />
              ))}
          </div>
        ))}
      </div>
      <div ref={scroller} className="max-h-[65dvh] overflow-y-auto">
        <div className="grid" style={{ gridTemplateColumns: columns, height: 24 * HOUR_PX }}>
          <div className="relative" aria-hidden="true">
            {Array.from({ length: 24 }, (_, hour) => (
              <div
                key={hour}
                className="absolute right-1 -translate-y-1/2 text-xs text-fg-muted tabular-nums"
                style={{ top: hour * HOUR_PX }}
              >
                {hour === 0 ? "" : `${String(hour).padStart(2, "0")}:00`}
              </div>
            ))}
          </div>
          {days.map((day) => {
            const boxes = layoutDayEvents(
              timed
                .filter((event) => touchesDay(event, day))
                .map((event) => ({ item: event, ...minutesInDay(event, day) })),
            );
            return (
              <div
                key={day}
                data-day={day}
                className="relative cursor-pointer border-l border-border"
                style={{
                  backgroundImage: `repeating-linear-gradient(to bottom, transparent 0, transparent ${HOUR_PX - 1}px, var(--color-border) ${HOUR_PX - 1}px, var(--color-border) ${HOUR_PX}px)`,
                }}
                onClick={(click) => {
                  const rect = click.currentTarget.getBoundingClientRect();
                  const minutes = Math.floor(((click.clientY - rect.top) / HOUR_PX) * 2) * 30;
                  onCreateAt(day, Math.max(0, Math.min(23 * 60 + 30, minutes)));
                }}
              >
                {boxes.map((box) => (
                  <EventChip
                    key={box.item.key}
                    event={box.item}
                    color={colorOf(box.item)}
                    when={format.eventWhen(box.item)}
                    timeLabel={format.timeOf(box.item.start)}
                    onOpen={onOpenEvent}
                    compact={box.height < 45}
                    style={{
                      position: "absolute",
                      top: (box.top / 60) * HOUR_PX,
                      height: Math.max((box.height / 60) * HOUR_PX - 2, 16),
                      left: `calc(${(100 / box.columns) * box.column}% + 2px)`,
                      width: `calc(${100 / box.columns}% - 4px)`,
                    }}
                  />
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
