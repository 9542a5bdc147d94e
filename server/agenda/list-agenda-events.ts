/**
 * The person's events in a range, from every calendar (or the chosen ones) read in parallel. A
 * calendar that fails is reported in `failures` and the others still show: one broken collection
 * must not blank the agenda.
 */
import "server-only";
import type { PortalUser } from "@/server/auth/portal-user";
import { AppError } from "@/server/errors";
import { encodeAgendaId, resolveCalendar } from "@/server/agenda/agenda-ids";
import { openAgenda } from "@/server/agenda/open-agenda";
import { toApiEvent } from "@/server/agenda/to-api-event";
import type { TAgendaEventsResponse } from "@/components/agenda/api/types";

export async function listAgendaEvents(
  user: PortalUser,
  range: { from: Date; to: Date; calendarIds?: string[] },
  signal?: AbortSignal,
): Promise<TAgendaEventsResponse> {
  const agenda = await openAgenda(user, signal);
  const calendars = range.calendarIds
    ? range.calendarIds.map((id) => resolveCalendar(agenda.calendars, id))
    : agenda.calendars;
  const results = await Promise.allSettled(
    calendars.map((calendar) => agenda.client.events(calendar, range.from, range.to, signal)),
  );
  const response: TAgendaEventsResponse = { events: [], failures: [] };
  results.forEach((result, index) => {
    const calendar = calendars[index];
    if (!calendar) return;
    if (result.status === "fulfilled") {
      response.events.push(...result.value.map((occurrence) => toApiEvent(occurrence, calendar, agenda.addresses)));
    } else {
      // A refused login is everyone's problem, not one calendar's.
      if (result.reason instanceof AppError && result.reason.code === "GROUPWARE_NOT_CONNECTED") throw result.reason;
      response.failures.push({
        calendarId: encodeAgendaId(calendar.path),
        code: result.reason instanceof AppError ? result.reason.code : "BACKEND_UNAVAILABLE",
      });
    }
  });
  response.events.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return response;
}
