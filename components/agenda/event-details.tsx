"use client";
/**
 * An event opened from the grid: when, repetition, place, description, organizer and attendees
 * with their answers; the person's own answer to an invitation (accept / maybe / decline, the
 * current one pressed); and the actions they are allowed: edit, delete (confirmed first, saying
 * when a whole series goes), add a video meeting (only when a provider is registered).
 * Texts from the event are rendered as text, never as HTML.
 */
import { useState } from "react";
import { useTranslations } from "use-intl";
import type { TAgendaEvent, TPartstat } from "@/components/agenda/api/types";
import type { AgendaFormat } from "@/components/agenda/agenda-format";
import { buttonClass, DialogActions } from "@/components/files/dialogs/modal-dialog";

export type InvitationAnswer = "ACCEPTED" | "TENTATIVE" | "DECLINED";

export function EventDetails({
  event,
  format,
  calendarName,
  ownAddresses,
  videoMeetings,
  busy,
  error,
  onEdit,
  onDelete,
  onAnswer,
  onAddVideo,
  onClose,
}: {
  event: TAgendaEvent;
  format: AgendaFormat;
  calendarName: string | null;
  ownAddresses: string[];
  videoMeetings: boolean;
  busy: boolean;
  error: string | null;
  onEdit: () => void;
  onDelete: () => void;
  onAnswer: (answer: InvitationAnswer) => void;
  onAddVideo: () => void;
  onClose: () => void;
}) {
  const t = useTranslations("agenda");
  const [confirming, setConfirming] = useState(false);
  const summary = event.summary || t("grid.untitled");
  const recurrence = event.recurrence;
  const partstatLabel = (partstat: TPartstat) => t(`partstat.${partstat}`);

  if (confirming) {
    return (
      <div className="space-y-3 text-sm" data-testid="agenda-delete-confirm">
        <p className="font-medium">{t("event.deleteConfirmTitle")}</p>
        <p>{recurrence ? t("event.deleteSeriesConfirm", { summary }) : t("event.deleteConfirm", { summary })}</p>
        {error && (
          <p role="alert" className="rounded bg-danger-surface px-3 py-2 text-danger">
            {error}
          </p>
        )}
        <DialogActions>
          <button type="button" className={buttonClass.secondary} onClick={() => setConfirming(false)} data-autofocus>
            {t("event.cancel")}
          </button>
          <button type="button" className={buttonClass.danger} disabled={busy} onClick={onDelete}>
            {busy ? t("event.deleting") : t("event.delete")}
          </button>
        </DialogActions>
      </div>
    );
  }

  return (
    <div className="space-y-3 text-sm" data-testid="agenda-event-details">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1.5">
        <dt className="text-fg-muted">{t("event.when")}</dt>
        <dd>
          {format.eventWhen(event)}
          {recurrence && (
            <span className="block text-fg-muted">
              {recurrence === "custom"
                ? t("event.customRecurrence")
                : recurrence.interval > 1
                  ? t(`recurrence.summaryEvery.${recurrence.freq}`, { interval: recurrence.interval })
                  : t(`recurrence.summaryOf.${recurrence.freq}`)}
              {recurrence !== "custom" &&
                recurrence.byDay.length > 0 &&
                ` (${recurrence.byDay.map((day) => t(`weekdays.${day}`)).join(", ")})`}
            </span>
          )}
        </dd>
        {calendarName && (
          <>
            <dt className="text-fg-muted">{t("event.calendar")}</dt>
            <dd>{calendarName}</dd>
          </>
        )}
        {event.location && (
          <>
            <dt className="text-fg-muted">{t("event.location")}</dt>
            <dd className="break-words">{event.location}</dd>
          </>
        )}
        {event.organizer && event.attendees.length > 0 && (
          <>
            <dt className="text-fg-muted">{t("event.organizer")}</dt>
            <dd>{event.organizer.name ?? event.organizer.email}</dd>
          </>
        )}
      </dl>
      {event.description && (
        <p className="whitespace-pre-wrap break-words rounded bg-surface-muted p-2">{event.description}</p>
      )}
      {event.attendees.length > 0 && (
        <section aria-label={t("event.attendees")}>
          <h3 className="font-medium">{t("event.attendees")}</h3>
          <ul className="mt-1 space-y-0.5">
            {event.attendees.map((attendee) => (
              <li key={attendee.email} className="flex flex-wrap justify-between gap-2">
                <span className="min-w-0 break-words">
                  {attendee.name ?? attendee.email}
                  {ownAddresses.includes(attendee.email) && ` (${t("attendees.you")})`}
                </span>
                <span className="text-fg-muted">{partstatLabel(attendee.partstat)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {event.myPartstat && (
        <section
          aria-label={t("invitation.label")}
          className="rounded border border-border p-2"
          data-testid="agenda-invitation"
        >
          <p>
            {event.myPartstat === "NEEDS-ACTION"
              ? t("invitation.pending")
              : t("invitation.answered", { partstat: partstatLabel(event.myPartstat) })}
          </p>
          <div className="mt-2 flex flex-wrap gap-2" role="group" aria-label={t("invitation.label")}>
            {(
              [
                ["ACCEPTED", "accept"],
                ["TENTATIVE", "tentative"],
                ["DECLINED", "decline"],
              ] as const
            ).map(([answer, key]) => (
              <button
                key={answer}
                type="button"
                className={event.myPartstat === answer ? buttonClass.primary : buttonClass.secondary}
                aria-pressed={event.myPartstat === answer}
                disabled={busy}
                onClick={() => onAnswer(answer)}
              >
                {t(`invitation.${key}`)}
              </button>
            ))}
          </div>
        </section>
      )}
      {!event.canWrite && !event.myPartstat && (
        <p className="text-fg-muted">{event.organizer ? t("event.notOrganizer") : t("event.readOnly")}</p>
      )}
      {error && (
        <p role="alert" className="rounded bg-danger-surface px-3 py-2 text-danger">
          {error}
        </p>
      )}
      <DialogActions>
        {event.canWrite && videoMeetings && (
          <button type="button" className={buttonClass.secondary} disabled={busy} onClick={onAddVideo}>
            {t("event.addVideo")}
          </button>
        )}
        {event.canWrite && (
          <button type="button" className={buttonClass.secondary} onClick={() => setConfirming(true)}>
            {t("event.delete")}
          </button>
        )}
        {event.canWrite && event.recurrence !== "custom" && (
          <button type="button" className={buttonClass.primary} onClick={onEdit} disabled={busy}>
            {t("event.edit")}
          </button>
        )}
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          {t("event.close")}
        </button>
      </DialogActions>
    </div>
  );
}
