/**
 * "Add a video meeting" on an event: asks the registered provider (server/agenda/video-meeting-hook.ts)
 * for a room and writes its link into the event. Without a provider: 503 NOT_CONFIGURED (the UI
 * hides the action then, so this only answers a hand-made request).
 */
import "server-only";
import type { PortalUser } from "@/server/auth/portal-user";
import { AppError } from "@/server/errors";
import { resolveEvent } from "@/server/agenda/agenda-ids";
import { openAgenda } from "@/server/agenda/open-agenda";
import { toApiEvent } from "@/server/agenda/to-api-event";
import { videoMeetingProvider } from "@/server/agenda/video-meeting-hook";

export async function addVideoMeeting(
  user: PortalUser,
  eventId: string,
  etag: string,
  label: string,
  signal?: AbortSignal,
): Promise<{ etag: string | null; joinUrl: string }> {
  const provider = videoMeetingProvider();
  if (!provider)
    throw new AppError("NOT_CONFIGURED", { userMessage: "video meetings are not available on this portal" });
  const agenda = await openAgenda(user, signal);
  const { path, calendar } = resolveEvent(agenda.calendars, eventId);
  const event = toApiEvent(await agenda.client.series(path, signal), calendar, agenda.addresses);
  if (!event.canWrite) throw new AppError("FORBIDDEN", { userMessage: "only the organizer can add a video meeting" });
  const { joinUrl } = await provider.createMeeting({ user, event, signal });
  const written = await agenda.client.addConference(path, etag, joinUrl, label, signal);
  return { etag: written.etag, joinUrl };
}
