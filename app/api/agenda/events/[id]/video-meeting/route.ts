// POST /api/agenda/events/[id]/video-meeting – add a video meeting { etag } → { etag, joinUrl }
// 503 NOT_CONFIGURED while no provider is registered (server/agenda/video-meeting-hook.ts).
import { parseCookie } from "cookie";
import { LOCALE_COOKIE, parseLocale } from "@/i18n/locales";
import { addVideoMeeting } from "@/server/agenda/add-video-meeting";
import { ZEventId, ZVideoMeetingBody } from "@/server/agenda/agenda-schemas";
import { getTranslations } from "@/server/i18n/get-translations";
import { withSession } from "@/server/http/with-session";

export const POST = withSession<never, typeof ZVideoMeetingBody, { id: string }>(
  { body: ZVideoMeetingBody },
  async ({ user, body, params, request }) => {
    const id = ZEventId.parse(params.id);
    // The line written into the event is in the person's language (read from the request itself).
    const locale = parseLocale(parseCookie(request.headers.get("cookie") ?? "")[LOCALE_COOKIE]);
    const t = await getTranslations("agenda", locale);
    return Response.json(await addVideoMeeting(user, id, body.etag, t("video.label"), request.signal));
  },
);
