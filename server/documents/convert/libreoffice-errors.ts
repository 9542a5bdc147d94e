/**
 * What a failed LibreOffice conversion means to the person who asked: on import, a file
 * LibreOffice cannot open is the file's fault (400); on export, it is the portal's converter that
 * failed (502). A timeout is 504, a full queue 429, no LibreOffice installed 503.
 */
import "server-only";
import { AppError } from "@/server/errors";
import { LibreOfficeError } from "@/server/documents/convert/libreoffice";

export function libreOfficeAppError(error: unknown, during: "import" | "export"): unknown {
  if (!(error instanceof LibreOfficeError)) return error;
  switch (error.kind) {
    case "busy":
      return new AppError("TOO_MANY_REQUESTS", {
        userMessage: "the document converter is busy; try again in a minute",
        cause: error,
      });
    case "timeout":
      return new AppError("BACKEND_TIMEOUT", { userMessage: "the document conversion took too long", cause: error });
    case "missing":
      return new AppError("NOT_CONFIGURED", {
        userMessage: "document conversion is not available on this portal (LibreOffice is not installed)",
        cause: error,
      });
    case "failed":
      return during === "import"
        ? new AppError("BAD_REQUEST", { userMessage: "not a readable ODT file: it could not be opened", cause: error })
        : new AppError("BACKEND_UNAVAILABLE", { userMessage: "the document conversion failed", cause: error });
  }
}
