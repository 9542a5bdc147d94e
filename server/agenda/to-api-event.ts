/**
 * One CalDAV occurrence as the browser sees it: opaque ids instead of server paths, and the
 * person's own answer when someone else invited them.
 */
import "server-only";
import type { CalendarInfo, EventOccurrence } from "@/integrations/caldav";
import { encodeAgendaId } from "@/server/agenda/agenda-ids";
import type { TAgendaEvent } from "@/components/agenda/api/types";

export function toApiEvent(occurrence: EventOccurrence, calendar: CalendarInfo, addresses: string[]): TAgendaEvent {
  const mine = new Set(addresses);
  const organizedByMe = occurrence.organizer !== null && mine.has(occurrence.organizer.email);
  const me = occurrence.attendees.find((attendee) => mine.has(attendee.email));
  const id = encodeAgendaId(occurrence.path);
  return {
    id,
    key: `${id}:${occurrence.recurrenceId ?? ""}`,
    calendarId: encodeAgendaId(calendar.path),
    etag: occurrence.etag,
    recurrenceId: occurrence.recurrenceId,
    summary: occurrence.summary,
    location: occurrence.location,
    description: occurrence.description,
    allDay: occurrence.allDay,
    start: occurrence.start,
    end: occurrence.end,
    timeZone: occurrence.timeZone,
    recurrence: occurrence.recurrence,
    organizer: occurrence.organizer,
    attendees: occurrence.attendees,
    myPartstat: me && !organizedByMe && occurrence.organizer !== null ? me.partstat : null,
    // Someone else's meeting is answered, not edited.
    canWrite:
      calendar.canWrite && (occurrence.organizer === null || organizedByMe || occurrence.attendees.length === 0),
  };
}
