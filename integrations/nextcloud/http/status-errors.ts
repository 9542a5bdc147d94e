/**
 * Nextcloud / WebDAV statuses as the portal's AppErrors. Upstream bodies are never copied into the
 * error: they may name files or carry Nextcloud internals (Sabre exception messages, paths).
 */
import "server-only";
import { AppError } from "@/server/errors";

/** What the failed call was doing, for a message that helps without leaking anything. */
export type NextcloudOperation =
  "read" | "write" | "create-folder" | "move" | "copy" | "delete" | "list" | "upload" | "share" | "user";

export function nextcloudStatusError(status: number, operation: NextcloudOperation): AppError {
  switch (status) {
    case 400:
      return new AppError("BAD_REQUEST", { userMessage: "Nextcloud refused the request" });
    case 401:
      return new AppError("NEXTCLOUD_NOT_CONNECTED", {
        userMessage: "Nextcloud did not accept your sign-in: connect your Nextcloud account",
      });
    case 403:
      return new AppError("FORBIDDEN", { userMessage: "Nextcloud does not allow this" });
    case 404:
      return new AppError("NOT_FOUND", { userMessage: "no such file or folder" });
    case 405:
      // MKCOL on an existing path, MOVE onto an existing one without overwrite.
      return new AppError("CONFLICT", { userMessage: "that name is already taken" });
    case 409:
      // WebDAV: the parent folder of the target does not exist.
      return operation === "write" || operation === "create-folder" || operation === "move" || operation === "copy"
        ? new AppError("NOT_FOUND", { userMessage: "the destination folder does not exist" })
        : new AppError("CONFLICT", { userMessage: "the file changed meanwhile" });
    case 412:
      return new AppError("CONFLICT", {
        userMessage:
          operation === "move" || operation === "copy" ? "that name is already taken" : "the file changed meanwhile",
      });
    case 413:
      return new AppError("PAYLOAD_TOO_LARGE", { userMessage: "the file is too large for Nextcloud" });
    case 416:
      return new AppError("RANGE_NOT_SATISFIABLE", { userMessage: "range outside the file" });
    case 423:
      return new AppError("CONFLICT", { userMessage: "the file is locked by someone else" });
    case 429:
      return new AppError("TOO_MANY_REQUESTS", { userMessage: "Nextcloud asks to slow down" });
    case 507:
      return new AppError("PAYLOAD_TOO_LARGE", { userMessage: "your Nextcloud storage is full" });
    case 504:
      return new AppError("BACKEND_TIMEOUT", { userMessage: "Nextcloud did not answer in time" });
    default:
      if (status >= 300 && status < 400) {
        // Never followed: a redirect could lead anywhere (no open proxy).
        return new AppError("BACKEND_UNAVAILABLE", { userMessage: "Nextcloud answered with an unexpected redirect" });
      }
      return new AppError("BACKEND_UNAVAILABLE", { userMessage: "Nextcloud failed to answer" });
  }
}
