"use client";
/**
 * Create or edit an event: title, calendar, all-day, start and end (date and time in the chosen
 * zone), location, description, repetition and attendees (the people picker: directory and
 * contacts, or any typed address). Editing a repeating event edits the whole series, so the form
 * is filled from the series (its first start), not from the occurrence that was clicked.
 */
import { useId, useState, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import { TIME_ZONE } from "@/i18n/locales";
import {
  API_WEEKDAYS,
  type TAgendaCalendar,
  type TAgendaEvent,
  type TAgendaEventBody,
  type TRecurrence,
} from "@/components/agenda/api/types";
import { addDays, timeString, weekdayIndex, zonedParts, type CivilDate } from "@/components/agenda/calendar-dates";
import { RecurrencePicker } from "@/components/agenda/recurrence-picker";
import { buttonClass, DialogActions } from "@/components/files/dialogs/modal-dialog";
import { PeoplePicker, type PickedPerson } from "@/components/people-picker/people-picker";

const inputClass =
  "mt-1 block w-full rounded border border-border-strong bg-surface px-3 py-2 text-sm text-fg focus:outline-2 focus:outline-primary";

export interface EventFormValues {
  calendarId: string;
  summary: string;
  allDay: boolean;
  startDate: CivilDate;
  startTime: string;
  endDate: CivilDate;
  endTime: string;
  timeZone: string;
  location: string;
  description: string;
  recurrence: TRecurrence | null;
  attendees: PickedPerson[];
}

/** A new event at a date and minute (one hour long). */
export function newEventValues(calendarId: string, date: CivilDate, minutes: number): EventFormValues {
  const endMinutes = Math.min(minutes + 60, 23 * 60 + 59);
  return {
    calendarId,
    summary: "",
    allDay: false,
    startDate: date,
    startTime: timeString(Math.floor(minutes / 60), minutes % 60),
    endDate: date,
    endTime: timeString(Math.floor(endMinutes / 60), endMinutes % 60),
    timeZone: TIME_ZONE,
    location: "",
    description: "",
    recurrence: null,
    attendees: [],
  };
}

/** The form filled from a series; the person's own address is left out of the attendees (they are the organizer). */
export function eventToValues(event: TAgendaEvent, ownAddresses: string[], knownZones: string[]): EventFormValues {
  const timeZone = knownZones.includes(event.timeZone) ? event.timeZone : TIME_ZONE;
  const start = event.allDay ? null : zonedParts(new Date(event.start), timeZone);
  const end = event.allDay ? null : zonedParts(new Date(event.end), timeZone);
  return {
    calendarId: event.calendarId,
    summary: event.summary,
    allDay: event.allDay,
    startDate: start?.date ?? event.start,
    startTime: start ? timeString(start.hour, start.minute) : "09:00",
    endDate: end?.date ?? addDays(event.end, -1),
    endTime: end ? timeString(end.hour, end.minute) : "10:00",
    timeZone,
    location: event.location ?? "",
    description: event.description ?? "",
    recurrence: event.recurrence === "custom" ? null : event.recurrence,
    attendees: event.attendees
      .filter((attendee) => !ownAddresses.includes(attendee.email))
      .map((attendee) => ({ email: attendee.email, name: attendee.name ?? undefined })),
  };
}

export function valuesToBody(values: EventFormValues): TAgendaEventBody {
  return {
    summary: values.summary.trim(),
    location: values.location.trim() || null,
    description: values.description.trim() || null,
    allDay: values.allDay,
    start: values.allDay ? values.startDate : `${values.startDate}T${values.startTime}`,
    end: values.allDay ? addDays(values.endDate, 1) : `${values.endDate}T${values.endTime}`,
    timeZone: values.timeZone,
    recurrence: values.recurrence,
    attendees: values.attendees.map((person) => ({ email: person.email, name: person.name ?? null })),
  };
}

export function EventForm({
  initial,
  calendars,
  timeZones,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  initial: EventFormValues;
  calendars: TAgendaCalendar[];
  timeZones: string[];
  busy: boolean;
  error: string | null;
  onSubmit: (values: EventFormValues) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("agenda");
  const id = useId();
  const [values, setValues] = useState(initial);
  const [localError, setLocalError] = useState<string | null>(null);
  const set = <K extends keyof EventFormValues>(key: K, value: EventFormValues[K]) =>
    setValues((previous) => ({ ...previous, [key]: value }));
  const writable = calendars.filter((calendar) => calendar.canWrite || calendar.id === initial.calendarId);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = valuesToBody(values);
    if (body.end <= body.start) {
      setLocalError(t("errors.invalid", { message: `${t("event.end")} ≤ ${t("event.start")}` }));
      return;
    }
    setLocalError(null);
    onSubmit(values);
  }

  const shownError = localError ?? error;
  return (
    <form
      onSubmit={submit}
      className="space-y-3"
      noValidate={false}
      aria-describedby={shownError ? `${id}-error` : undefined}
    >
      <label className="block text-sm font-medium">
        {t("event.summary")}
        <input
          className={inputClass}
          required
          maxLength={300}
          value={values.summary}
          onChange={(change) => set("summary", change.target.value)}
          data-autofocus
        />
      </label>
      {writable.length > 1 && (
        <label className="block text-sm font-medium">
          {t("event.calendar")}
          <select
            className={inputClass}
            value={values.calendarId}
            onChange={(change) => set("calendarId", change.target.value)}
          >
            {writable.map((calendar) => (
              <option key={calendar.id} value={calendar.id}>
                {calendar.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={values.allDay} onChange={(change) => set("allDay", change.target.checked)} />
        {t("event.allDay")}
      </label>
      <div className="grid grid-cols-2 gap-2">
        <label className="block text-sm font-medium">
          {t("event.startDate")}
          <input
            type="date"
            required
            className={inputClass}
            value={values.startDate}
            onChange={(change) => {
              const startDate = change.target.value;
              setValues((previous) => ({
                ...previous,
                startDate,
                endDate: previous.endDate < startDate ? startDate : previous.endDate,
              }));
            }}
          />
        </label>
        {!values.allDay && (
          <label className="block text-sm font-medium">
            {t("event.startTime")}
            <input
              type="time"
              required
              className={inputClass}
              value={values.startTime}
              onChange={(change) => set("startTime", change.target.value)}
            />
          </label>
        )}
        <label className="block text-sm font-medium">
          {t("event.endDate")}
          <input
            type="date"
            required
            className={inputClass}
            value={values.endDate}
            min={values.startDate}
            onChange={(change) => set("endDate", change.target.value)}
          />
        </label>
        {!values.allDay && (
          <label className="block text-sm font-medium">
            {t("event.endTime")}
            <input
              type="time"
              required
              className={inputClass}
              value={values.endTime}
              onChange={(change) => set("endTime", change.target.value)}
            />
          </label>
        )}
      </div>
      {!values.allDay && timeZones.length > 1 && (
        <label className="block text-sm font-medium">
          {t("event.timeZone")}
          <select
            className={inputClass}
            value={values.timeZone}
            onChange={(change) => set("timeZone", change.target.value)}
          >
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="block text-sm font-medium">
        {t("event.location")}
        <input
          className={inputClass}
          maxLength={300}
          value={values.location}
          onChange={(change) => set("location", change.target.value)}
        />
      </label>
      <label className="block text-sm font-medium">
        {t("event.description")}
        <textarea
          className={inputClass}
          rows={3}
          maxLength={8000}
          value={values.description}
          onChange={(change) => set("description", change.target.value)}
        />
      </label>
      <RecurrencePicker
        value={values.recurrence}
        onChange={(recurrence) => set("recurrence", recurrence)}
        startWeekday={API_WEEKDAYS[weekdayIndex(values.startDate)] ?? "MO"}
      />
      <PeoplePicker
        label={t("event.attendees")}
        value={values.attendees}
        onChange={(attendees) => set("attendees", attendees)}
        limit={8}
      />
      {shownError && (
        <p id={`${id}-error`} role="alert" className="rounded bg-danger-surface px-3 py-2 text-sm text-danger">
          {shownError}
        </p>
      )}
      <DialogActions>
        <button type="button" className={buttonClass.secondary} onClick={onCancel}>
          {t("event.cancel")}
        </button>
        <button type="submit" className={buttonClass.primary} disabled={busy}>
          {busy ? t("event.saving") : t("event.save")}
        </button>
      </DialogActions>
    </form>
  );
}
