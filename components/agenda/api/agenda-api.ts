/**
 * The agenda's client data: one query per shape (calendars, a range of events, a series), each
 * with its key, and the writes. Everything goes through the portal's one `fetchJson`, so errors
 * arrive as ApiError with the server's code (CONFLICT, GROUPWARE_NOT_CONNECTED…).
 */
import { useQuery } from "@tanstack/react-query";
import { apiUrl, fetchJson } from "@/components/files/api/fetch-json";
import type {
  TAgendaCalendarsResponse,
  TAgendaEvent,
  TAgendaEventBody,
  TAgendaEventsResponse,
} from "@/components/agenda/api/types";

export const agendaKeys = {
  all: ["agenda"] as const,
  calendars: ["agenda", "calendars"] as const,
  events: (from: string, to: string) => ["agenda", "events", from, to] as const,
  series: (id: string) => ["agenda", "series", id] as const,
};

export function useAgendaCalendars() {
  return useQuery({
    queryKey: agendaKeys.calendars,
    queryFn: ({ signal }) => fetchJson<TAgendaCalendarsResponse>("/api/agenda/calendars", { signal }),
    staleTime: 60_000,
  });
}

export function useAgendaEvents(from: Date, to: Date) {
  const range = { from: from.toISOString(), to: to.toISOString() };
  return useQuery({
    queryKey: agendaKeys.events(range.from, range.to),
    queryFn: ({ signal }) => fetchJson<TAgendaEventsResponse>(apiUrl("/api/agenda/events", range), { signal }),
    placeholderData: (previous) => previous,
  });
}

export function fetchSeries(id: string, signal?: AbortSignal): Promise<{ event: TAgendaEvent }> {
  return fetchJson(`/api/agenda/events/${id}`, { signal });
}

export function createEvent(calendarId: string, event: TAgendaEventBody): Promise<{ id: string; etag: string | null }> {
  return fetchJson("/api/agenda/events", { method: "POST", body: { calendarId, event } });
}

export function updateEvent(id: string, etag: string, event: TAgendaEventBody): Promise<{ etag: string | null }> {
  return fetchJson(`/api/agenda/events/${id}`, { method: "PUT", body: { etag, event } });
}

export function deleteEvent(id: string, etag: string): Promise<void> {
  return fetchJson(apiUrl(`/api/agenda/events/${id}`, { etag }), { method: "DELETE" });
}

export function respondToEvent(
  id: string,
  etag: string,
  partstat: "ACCEPTED" | "DECLINED" | "TENTATIVE",
): Promise<{ etag: string | null }> {
  return fetchJson(`/api/agenda/events/${id}/participation`, { method: "POST", body: { etag, partstat } });
}

export function addVideoMeeting(id: string, etag: string): Promise<{ etag: string | null; joinUrl: string }> {
  return fetchJson(`/api/agenda/events/${id}/video-meeting`, { method: "POST", body: { etag } });
}
