/**
 * "Add a video meeting" to an event: the seam where the visio module (a later issue, LiveKit /
 * La Suite Meet) plugs in. Until a provider registers, there is none: the agenda's API says
 * `videoMeetings: false`, the UI shows no button, and the route answers 503 NOT_CONFIGURED. No
 * placeholder room is ever invented.
 *
 * A provider gets the person and the event (id, summary, times, attendees' addresses) and answers
 * the room's join URL, which the agenda writes into the event (its LOCATION when empty, and a line
 * in its DESCRIPTION), so every attendee's calendar client shows it.
 *
 *   registerVideoMeetingProvider({ id: "livekit", createMeeting: async ({ user, event }) => ({ joinUrl }) });
 */
import "server-only";
import type { PortalUser } from "@/server/auth/portal-user";
import type { TAgendaEvent } from "@/components/agenda/api/types";

export interface VideoMeetingRequest {
  user: PortalUser;
  event: Pick<TAgendaEvent, "id" | "summary" | "start" | "end" | "allDay" | "attendees" | "organizer">;
  signal?: AbortSignal;
}

export interface VideoMeetingProvider {
  /** Short name (`livekit`), for logs and audit. */
  id: string;
  /** Creates (or returns the existing) room for this event; `joinUrl` must be an https URL. */
  createMeeting(request: VideoMeetingRequest): Promise<{ joinUrl: string }>;
}

let provider: VideoMeetingProvider | null = null;

/** Called once at start by the module that supplies rooms; a second provider replaces the first. */
export function registerVideoMeetingProvider(next: VideoMeetingProvider | null): void {
  provider = next;
}

export function videoMeetingProvider(): VideoMeetingProvider | null {
  return provider;
}
