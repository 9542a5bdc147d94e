// POST /api/agenda/events/[id]/participation – answer an invitation { etag, partstat: ACCEPTED|DECLINED|TENTATIVE } → { etag }
// Sets the person's own ATTENDEE PARTSTAT on the server; the reply mail to the organizer (iTIP
// REPLY) is not sent by the portal: BlueMind sends it itself when its scheduling sees the change.
import { respondToInvitation } from "@/server/agenda/write-agenda-event";
import { ZEventId, ZParticipationBody } from "@/server/agenda/agenda-schemas";
import { withSession } from "@/server/http/with-session";

export const POST = withSession<never, typeof ZParticipationBody, { id: string }>(
  { body: ZParticipationBody },
  async ({ user, body, params, request }) => {
    const id = ZEventId.parse(params.id);
    return Response.json(await respondToInvitation(user, id, body.etag, body.partstat, request.signal));
  },
);
