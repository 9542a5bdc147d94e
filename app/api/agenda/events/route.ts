// GET  /api/agenda/events?from=&to=&calendars= – occurrences in a range (≤ 62 days), recurrences expanded
// POST /api/agenda/events – create an event { calendarId, event } → 201 { id, etag }
import { createAgendaEvent } from "@/server/agenda/write-agenda-event";
import { listAgendaEvents } from "@/server/agenda/list-agenda-events";
import { ZCreateEventBody, ZEventsQuery } from "@/server/agenda/agenda-schemas";
import { withSession } from "@/server/http/with-session";

export const GET = withSession({ query: ZEventsQuery }, async ({ user, query, request }) => {
  const calendarIds = query.calendars ? query.calendars.split(",").filter(Boolean) : undefined;
  const body = await listAgendaEvents(
    user,
    { from: new Date(query.from), to: new Date(query.to), calendarIds },
    request.signal,
  );
  return Response.json(body, { headers: { "cache-control": "private, no-store" } });
});

export const POST = withSession({ body: ZCreateEventBody }, async ({ user, body, request }) => {
  const created = await createAgendaEvent(user, body.calendarId, body.event, request.signal);
  return Response.json(created, { status: 201 });
});
