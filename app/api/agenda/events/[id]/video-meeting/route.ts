// POST /api/agenda/events/[id]/video-meeting – add a video meeting { etag } → { etag, joinUrl }
// 503 NOT_CONFIGURED while no provider is registered (server/agenda/video-meeting-hook.ts).
import { addVideoMeeting } from "@/server/agenda/add-video-meeting";
import { ZEventId, ZVideoMeetingBody } from "@/server/agenda/agenda-schemas";
import { getTranslations } from "@/server/i18n/get-translations";
import { withSession } from "@/server/http/with-session";

export const POST = withSession<never, typeof ZVideoMeetingBody, { id: string }>(
  { body: ZVideoMeetingBody },
  async ({ user, body, params, request }) => {
    const id = ZEventId.parse(params.id);
    const t = await getTranslations("agenda");
    return Response.json(await addVideoMeeting(user, id, body.etag, t("video.label"), request.signal));
  },
);
