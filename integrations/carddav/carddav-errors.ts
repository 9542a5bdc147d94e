/**
 * CardDAV failures as AppErrors a caller can report: the server refused the user's stored
 * groupware password (GROUPWARE_NOT_CONNECTED, so the UI offers to connect again), did not
 * answer in time (BACKEND_TIMEOUT), or cannot be reached / answered nonsense (BACKEND_UNAVAILABLE).
 */
import "server-only";
import { AppError } from "@/server/errors";

export function toCardDavError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  if (name === "TimeoutError" || name === "AbortError" || /timeout|aborted/i.test(message)) {
    return new AppError("BACKEND_TIMEOUT", {
      userMessage: "the address book server did not answer in time",
      cause: error,
    });
  }
  if (/invalid credentials|401|unauthori[sz]ed/i.test(message)) {
    return new AppError("GROUPWARE_NOT_CONNECTED", {
      userMessage: "the address book server refused your groupware password: connect your account again",
      cause: error,
    });
  }
  return new AppError("BACKEND_UNAVAILABLE", {
    userMessage: "the address book server cannot be reached",
    cause: error,
  });
}

/** For a DAV response that is not a success: the matching AppError. */
export function statusError(status: number, action: string): AppError {
  if (status === 401) return toCardDavError(new Error("401"));
  if (status === 403) return new AppError("FORBIDDEN", { userMessage: `the address book server refused to ${action}` });
  if (status === 404 || status === 410)
    return new AppError("NOT_FOUND", { userMessage: "this contact no longer exists" });
  if (status === 409 || status === 412) {
    return new AppError("CONFLICT", {
      userMessage: "this contact was changed elsewhere in the meantime: reload it and try again",
    });
  }
  if (status === 413) return new AppError("PAYLOAD_TOO_LARGE", { userMessage: "this contact is too large" });
  return new AppError("BACKEND_UNAVAILABLE", {
    userMessage: `the address book server could not ${action} (HTTP ${status})`,
  });
}
