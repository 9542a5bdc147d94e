"use client";
/**
 * The /agenda page's client: toolbar (today, previous, next, the period's title, day/week/month,
 * new event), the grid of the chosen view, and the event dialogs (details, create/edit, delete
 * confirmation, invitation answers). The view and date live in the URL (?view=week&date=…,
 * replaced as the person moves, so reload and links keep them); phones open on the day view.
 *
 * Data comes from the Agenda API through TanStack Query; after any write the agenda's queries are
 * refetched, and a polite live region says what happened. GROUPWARE_NOT_CONNECTED shows the
 * shared connect form instead of the grid.
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "use-intl";
import { TIME_ZONE } from "@/i18n/locales";
import {
  addVideoMeeting,
  agendaKeys,
  createEvent,
  deleteEvent,
  fetchSeries,
  respondToEvent,
  updateEvent,
  useAgendaCalendars,
  useAgendaEvents,
} from "@/components/agenda/api/agenda-api";
import type { TAgendaEvent } from "@/components/agenda/api/types";
import { agendaErrorKey } from "@/components/agenda/agenda-errors";
import { AgendaFormat } from "@/components/agenda/agenda-format";
import { AGENDA_VIEWS, agendaRange, shiftAnchor, type AgendaView } from "@/components/agenda/agenda-range";
import { todayIn, type CivilDate } from "@/components/agenda/calendar-dates";
import type { CalendarGridProps } from "@/components/agenda/calendar-grid-props";
import { EventDetails, type InvitationAnswer } from "@/components/agenda/event-details";
import {
  EventForm,
  eventToValues,
  newEventValues,
  valuesToBody,
  type EventFormValues,
} from "@/components/agenda/event-form";
import { MonthGrid } from "@/components/agenda/month-grid";
import { TimeGrid } from "@/components/agenda/time-grid";
import { ApiError } from "@/components/files/api/fetch-json";
import { buttonClass, ModalDialog } from "@/components/files/dialogs/modal-dialog";
import { GroupwareConnectForm, needsGroupwareConnection } from "@/components/groupware/groupware-connect-form";

type Dialog =
  | { kind: "details"; event: TAgendaEvent }
  | { kind: "form"; mode: "create"; values: EventFormValues }
  | { kind: "form"; mode: "edit"; values: EventFormValues; event: TAgendaEvent };

export interface AgendaAppProps {
  initialView: AgendaView | null;
  initialDate: CivilDate | null;
  email: string | null;
}

const PHONE_QUERY = "(max-width: 639px)";
function subscribeToPhoneQuery(onChange: () => void): () => void {
  const query = window.matchMedia(PHONE_QUERY);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}
const readPhoneQuery = () => window.matchMedia(PHONE_QUERY).matches;

function writeUrl(view: AgendaView, date: CivilDate) {
  const url = `/agenda?view=${view}&date=${date}`;
  if (`${window.location.pathname}${window.location.search}` !== url) window.history.replaceState(null, "", url);
}

export function AgendaApp({ initialView, initialDate, email }: AgendaAppProps) {
  const t = useTranslations("agenda");
  const locale = useLocale();
  const queryClient = useQueryClient();
  const format = useMemo(() => new AgendaFormat(locale), [locale]);
  const [today, setToday] = useState(() => todayIn(TIME_ZONE));
  const [chosenView, setView] = useState<AgendaView | null>(initialView);
  const isPhone = useSyncExternalStore(subscribeToPhoneQuery, readPhoneQuery, () => false);
  // Phones open on the day view unless the URL (or the person) chose one.
  const view: AgendaView = chosenView ?? (isPhone ? "day" : "week");
  const [anchor, setAnchor] = useState<CivilDate>(initialDate ?? today);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const ownAddresses = useMemo(() => (email ? [email.toLowerCase()] : []), [email]);

  useEffect(() => writeUrl(view, anchor), [view, anchor]);
  // "Today" moves at midnight for a tab left open on a ward workstation.
  useEffect(() => {
    const timer = window.setInterval(() => setToday(todayIn(TIME_ZONE)), 60_000);
    return () => window.clearInterval(timer);
  }, []);

  const range = useMemo(() => agendaRange(view, anchor, TIME_ZONE), [view, anchor]);
  const calendars = useAgendaCalendars();
  const events = useAgendaEvents(range.from, range.to);
  const calendarList = useMemo(() => calendars.data?.calendars ?? [], [calendars.data]);
  const colorOf = useCallback(
    (event: TAgendaEvent) => calendarList.find((calendar) => calendar.id === event.calendarId)?.color ?? null,
    [calendarList],
  );

  const refresh = () => queryClient.invalidateQueries({ queryKey: agendaKeys.all });
  const errorMessage = (error: unknown) => {
    const key = agendaErrorKey(error);
    return key === "invalid"
      ? t("errors.invalid", { message: error instanceof ApiError ? error.message : "" })
      : t(`errors.${key}`);
  };
  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setActionError(null);
    try {
      await work();
    } catch (error) {
      setActionError(errorMessage(error));
      if (error instanceof ApiError && (error.code === "CONFLICT" || error.code === "NOT_FOUND")) await refresh();
      setBusy(false);
      return;
    }
    // Announced once the grid shows the change.
    await refresh();
    setBusy(false);
    setDialog(null);
    setAnnouncement(done);
  };

  const defaultCalendarId = calendarList.find((calendar) => calendar.canWrite)?.id ?? null;
  const openCreate = (date: CivilDate, minutes: number) => {
    if (!defaultCalendarId) return;
    setActionError(null);
    setDialog({ kind: "form", mode: "create", values: newEventValues(defaultCalendarId, date, minutes) });
  };
  const openEdit = async (event: TAgendaEvent) => {
    setActionError(null);
    const zones = calendars.data?.timeZones ?? [TIME_ZONE];
    if (!event.recurrence) {
      setDialog({ kind: "form", mode: "edit", values: eventToValues(event, ownAddresses, zones), event });
      return;
    }
    setBusy(true);
    try {
      const { event: series } = await fetchSeries(event.id);
      setDialog({ kind: "form", mode: "edit", values: eventToValues(series, ownAddresses, zones), event: series });
    } catch (error) {
      setActionError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const gridProps = (shown: TAgendaEvent[]): CalendarGridProps => ({
    days: range.days,
    today,
    events: shown,
    colorOf,
    format,
    onOpenEvent: (event) => {
      setActionError(null);
      setDialog({ kind: "details", event });
    },
    onCreateAt: openCreate,
    onOpenDay: (day) => {
      setAnchor(day);
      setView("day");
    },
  });

  // The open event follows the latest data (an answer or an edit made elsewhere shows at once).
  const detailsEvent =
    dialog?.kind === "details"
      ? (events.data?.events.find((event) => event.key === dialog.event.key) ?? dialog.event)
      : null;

  const notConnected = needsGroupwareConnection(calendars.error) || needsGroupwareConnection(events.error);
  if (notConnected) {
    return <GroupwareConnectForm defaultLogin={email ?? ""} onConnected={() => void refresh()} />;
  }
  const loadError = calendars.error ?? (events.data ? null : events.error);

  return (
    <div className="space-y-3" data-testid="agenda-app">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <div role="toolbar" aria-label={t("toolbar.label")} className="flex flex-wrap items-center gap-2">
        <button type="button" className={buttonClass.secondary} onClick={() => setAnchor(today)}>
          {t("toolbar.today")}
        </button>
        <button
          type="button"
          className={buttonClass.secondary}
          aria-label={t("toolbar.previous")}
          onClick={() => setAnchor(shiftAnchor(view, anchor, -1))}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <button
          type="button"
          className={buttonClass.secondary}
          aria-label={t("toolbar.next")}
          onClick={() => setAnchor(shiftAnchor(view, anchor, 1))}
        >
          <span aria-hidden="true">›</span>
        </button>
        <h2
          className="min-w-0 flex-1 text-lg font-semibold first-letter:uppercase"
          aria-live="polite"
          data-testid="agenda-period"
        >
          {format.periodTitle(view, range.days, anchor)}
        </h2>
        <div role="group" aria-label={t("toolbar.views")} className="flex">
          {AGENDA_VIEWS.map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={view === option}
              onClick={() => setView(option)}
              className={`border border-border-strong px-3 py-1.5 text-sm first:rounded-l last:rounded-r ${view === option ? "bg-primary text-on-primary" : "bg-surface hover:bg-surface-muted"}`}
            >
              {t(`toolbar.${option}`)}
            </button>
          ))}
        </div>
        {defaultCalendarId && (
          <button
            type="button"
            className={buttonClass.primary}
            onClick={() =>
              openCreate(view === "day" ? anchor : anchor === today ? today : (range.days[0] ?? today), 9 * 60)
            }
          >
            {t("toolbar.newEvent")}
          </button>
        )}
      </div>

      {loadError ? (
        <div role="alert" className="rounded border border-danger bg-danger-surface p-3 text-sm text-danger">
          <p>{agendaErrorKey(loadError) === "notConfigured" ? t("errors.notConfigured") : t("errors.loadFailed")}</p>
          <button type="button" className={`${buttonClass.secondary} mt-2`} onClick={() => void refresh()}>
            {t("errors.retry")}
          </button>
        </div>
      ) : !events.data ? (
        <p className="text-sm text-fg-muted">{t("loading")}</p>
      ) : (
        <>
          {events.data.failures.length > 0 && (
            <p role="status" className="rounded bg-danger-surface px-3 py-2 text-sm text-danger">
              {t("grid.calendarsFailed")}
            </p>
          )}
          {view === "month" ? (
            <MonthGrid {...gridProps(events.data.events)} anchor={anchor} />
          ) : (
            <TimeGrid {...gridProps(events.data.events)} />
          )}
          {events.data.events.length === 0 && <p className="text-sm text-fg-muted">{t("grid.empty")}</p>}
        </>
      )}

      <p className="sr-only" aria-live="polite" data-testid="agenda-announcer">
        {announcement}
      </p>

      {detailsEvent && (
        <ModalDialog
          title={detailsEvent.summary || t("grid.untitled")}
          onClose={() => setDialog(null)}
          closeLabel={t("event.close")}
          testId="agenda-dialog"
        >
          <EventDetails
            event={detailsEvent}
            format={format}
            calendarName={calendarList.find((calendar) => calendar.id === detailsEvent.calendarId)?.name ?? null}
            ownAddresses={ownAddresses}
            videoMeetings={calendars.data?.videoMeetings ?? false}
            busy={busy}
            error={actionError}
            onClose={() => setDialog(null)}
            onEdit={() => void openEdit(detailsEvent)}
            onDelete={() =>
              void run(() => deleteEvent(detailsEvent.id, detailsEvent.etag ?? "*"), t("announce.deleted"))
            }
            onAnswer={(answer: InvitationAnswer) =>
              void run(() => respondToEvent(detailsEvent.id, detailsEvent.etag ?? "*", answer), t("announce.answered"))
            }
            onAddVideo={() =>
              void run(() => addVideoMeeting(detailsEvent.id, detailsEvent.etag ?? "*"), t("announce.updated"))
            }
          />
        </ModalDialog>
      )}
      {dialog?.kind === "form" && (
        <ModalDialog
          title={dialog.mode === "create" ? t("event.newTitle") : t("event.editTitle")}
          onClose={() => setDialog(null)}
          closeLabel={t("event.close")}
          wide
          testId="agenda-dialog"
        >
          <EventForm
            initial={dialog.values}
            calendars={
              dialog.mode === "create"
                ? calendarList
                : calendarList.filter((calendar) => calendar.id === dialog.values.calendarId)
            }
            timeZones={calendars.data?.timeZones ?? [TIME_ZONE]}
            busy={busy}
            error={actionError}
            onCancel={() => setDialog(null)}
            onSubmit={(values) =>
              void run(
                () =>
                  dialog.mode === "create"
                    ? createEvent(values.calendarId, valuesToBody(values))
                    : updateEvent(dialog.event.id, dialog.event.etag ?? "*", valuesToBody(values)),
                dialog.mode === "create" ? t("announce.created") : t("announce.updated"),
              )
            }
          />
        </ModalDialog>
      )}
    </div>
  );
}
