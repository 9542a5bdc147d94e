// PUT    /api/agenda/events/[id] – edit a series { etag, event } → { etag } (409 CONFLICT when changed meanwhile)
// DELETE /api/agenda/events/[id]?etag= – delete a series → 204 (409 CONFLICT when changed meanwhile)
import { deleteAgendaEvent, updateAgendaEvent } from "@/server/agenda/write-agenda-event";
import { ZDeleteEventQuery, ZEventId, ZUpdateEventBody } from "@/server/agenda/agenda-schemas";
import { withSession } from "@/server/http/with-session";

type Params = { id: string };

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
