"use client";
/**
 * One event in a grid: a button (keyboard reachable, named by its visible title and time, then
 * the full date for screen readers) with the calendar's colour as a side bar; an invitation waiting for an answer is dashed
 * and says so.
 */
import type { CSSProperties } from "react";
import { useTranslations } from "use-intl";
import type { TAgendaEvent } from "@/components/agenda/api/types";

export function EventChip({
  event,
  color,
  when,
  timeLabel,
  onOpen,
  style,
  compact = false,
}: {
  event: TAgendaEvent;
  color: string | null;
  /** Full "when" for the accessible name. */
  when: string;
  /** Short time shown in the chip (empty for all-day). */
  timeLabel: string;
  onOpen: (event: TAgendaEvent, opener: HTMLElement) => void;
  style?: CSSProperties;
  compact?: boolean;
}) {
  const t = useTranslations("agenda.grid");
  const pending = event.myPartstat === "NEEDS-ACTION";
  const declined = event.myPartstat === "DECLINED";
  const summary = event.summary || t("untitled");
  // The accessible name starts with what is visible (WCAG 2.5.3), then says when in full.
  const detail = `, ${when}${pending ? `, ${t("invitation")}` : ""}`;
  return (
    <button
      type="button"
      data-testid="agenda-event"
      data-event-id={event.id}
      title={`${summary}${detail}`}
      onClick={(click) => {
        click.stopPropagation();
        onOpen(event, click.currentTarget);
      }}
      style={{ ...style, borderLeftColor: color ?? undefined }}
      className={`block w-full min-w-0 overflow-hidden rounded border border-l-4 border-border-strong bg-surface-muted px-1.5 text-left text-xs text-fg hover:bg-surface focus:outline-2 focus:outline-primary ${
        pending ? "border-dashed" : ""
      } ${declined ? "line-through opacity-70" : ""} ${compact ? "py-0.5" : "py-1"}`}
    >
      <span className="font-medium">{summary}</span>
      {timeLabel && <span className="tabular-nums text-fg-muted"> {timeLabel}</span>}
      <span className="sr-only">{detail}</span>
      {!compact && event.location && <span className="block truncate text-fg-muted">{event.location}</span>}
    </button>
  );
}
