/**
 * Which message an agenda action shows for a failure, chosen by the server's error code (never by
 * its text, except a 400's field description, which the server writes for people).
 */
import { ApiError } from "@/components/files/api/fetch-json";

export type AgendaErrorKey =
  "conflict" | "forbidden" | "notFound" | "unavailable" | "invalid" | "unexpected" | "notConfigured";

export function agendaErrorKey(error: unknown): AgendaErrorKey {
  if (!(error instanceof ApiError)) return "unexpected";
  switch (error.code) {
    case "CONFLICT":
      return "conflict";
    case "FORBIDDEN":
      return "forbidden";
    case "NOT_FOUND":
      return "notFound";
    case "BAD_REQUEST":
      return "invalid";
    case "NOT_CONFIGURED":
      return "notConfigured";
    case "BACKEND_UNAVAILABLE":
    case "BACKEND_TIMEOUT":
    case "NETWORK":
      return "unavailable";
    default:
      return "unexpected";
  }
}
