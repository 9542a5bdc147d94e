// GET    /api/agenda/events/[id] – the series behind an event id { event } (what an edit starts from)
// PUT    /api/agenda/events/[id] – edit a series { etag, event } → { etag } (409 CONFLICT when changed meanwhile)
// DELETE /api/agenda/events/[id]?etag= – delete a series → 204 (409 CONFLICT when changed meanwhile)
import { deleteAgendaEvent, readAgendaSeries, updateAgendaEvent } from "@/server/agenda/write-agenda-event";
import { ZDeleteEventQuery, ZEventId, ZUpdateEventBody } from "@/server/agenda/agenda-schemas";
import { withSession } from "@/server/http/with-session";

type Params = { id: string };

export const GET = withSession<never, never, Params>({}, async ({ user, params, request }) => {
  const id = ZEventId.parse(params.id);
  return Response.json(
    { event: await readAgendaSeries(user, id, request.signal) },
    { headers: { "cache-control": "private, no-store" } },
  );
});

export const PUT = withSession<never, typeof ZUpdateEventBody, Params>(
  { body: ZUpdateEventBody },
  async ({ user, body, params, request }) => {
    const id = ZEventId.parse(params.id);
    return Response.json(await updateAgendaEvent(user, id, body.etag, body.event, request.signal));
  },
);

export const DELETE = withSession<typeof ZDeleteEventQuery, never, Params>(
  { query: ZDeleteEventQuery },
  async ({ user, query, params, request }) => {
    const id = ZEventId.parse(params.id);
    await deleteAgendaEvent(user, id, query.etag, request.signal);
    return new Response(null, { status: 204 });
  },
);
