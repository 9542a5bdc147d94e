// GET /api/agenda/calendars – the person's calendars (ids, names, colours, write rights), whether
// a video meeting provider is registered, and the time zones events can be written in.
import { WRITABLE_TIME_ZONES } from "@/integrations/caldav";
import { encodeAgendaId } from "@/server/agenda/agenda-ids";
import { openAgenda } from "@/server/agenda/open-agenda";
import { videoMeetingProvider } from "@/server/agenda/video-meeting-hook";
import { withSession } from "@/server/http/with-session";
import type { TAgendaCalendarsResponse } from "@/components/agenda/api/types";

export const GET = withSession({}, async ({ user, request }) => {
  const agenda = await openAgenda(user, request.signal);
  const body: TAgendaCalendarsResponse = {
    calendars: agenda.calendars.map((calendar) => ({
      id: encodeAgendaId(calendar.path),
      name: calendar.name,
      color: calendar.color,
      canWrite: calendar.canWrite,
    })),
    videoMeetings: videoMeetingProvider() !== null,
    timeZones: [...WRITABLE_TIME_ZONES, "UTC"],
  };
  return Response.json(body, { headers: { "cache-control": "private, no-store" } });
});
