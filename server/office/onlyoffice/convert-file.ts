/**
 * Converts a file with the Document Server's ConvertService and writes the result beside it:
 * "Save as PDF" (`Compte rendu.docx` → `Compte rendu.pdf`) and the conversion of legacy formats
 * (`.doc` → `.docx`, `.xls` → `.xlsx`, `.ppt` → `.pptx`), which the editor opens read-only.
 *
 * The Document Server downloads the source from the portal (a signed, short-lived link) and
 * offers the result on its own origin, from which it is streamed into Files.
 */
import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "@/server/errors";
import { env } from "@/server/env";
import type { PortalUser } from "@/server/auth/portal-user";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { parentOf } from "@/server/files/paths";
import type { FileEntry } from "@/server/files/storage";
import { convertDocument, ConversionError } from "@/integrations/onlyoffice/conversion-client";
import { downloadFromDocumentServer } from "@/integrations/onlyoffice/document-server-download";
import { extensionOf, onlyOfficeFormat } from "@/integrations/onlyoffice/formats";
import { resolveOfficeFile } from "@/server/office/resolve-office-file";
import { writeUnderFreeName } from "@/server/office/write-beside";
import { onlyOfficeSettings } from "@/server/office/onlyoffice/onlyoffice-settings";
import { documentServerLink } from "@/server/office/onlyoffice/document-server-links";

export type ConversionTarget = "pdf" | "docx" | "xlsx" | "pptx";

/** What each source may become. */
export function allowedTargets(extension: string): ConversionTarget[] {
  const format = onlyOfficeFormat(extension);
  if (!format || format.documentType === "pdf") return [];
  return format.convertTo ? ["pdf", format.convertTo] : ["pdf"];
}

/** A conversion key: the same content converted to the same format reuses the server's result. */
function conversionKey(fileId: string, etag: string, target: string): string {
  return `conv-${createHash("sha256").update(`${fileId}\n${etag}\n${target}`).digest("base64url")}`;
}

export async function convertFileBeside(
  user: PortalUser,
  fileId: string,
  target: ConversionTarget,
  signal?: AbortSignal,
): Promise<FileEntry> {
  const settings = onlyOfficeSettings(env());
  if (!settings) throw new AppError("NOT_CONFIGURED", { userMessage: "OnlyOffice is not configured" });
  const context = { user, signal };
  const entry = await resolveOfficeFile(context, fileId);
  const extension = extensionOf(entry.name);
  if (!allowedTargets(extension).includes(target)) {
    throw new AppError("BAD_REQUEST", { userMessage: `a .${extension || "?"} file cannot be converted to ${target}` });
  }
  const url = await documentServerLink("download", { userId: user.id, sessionId: user.sessionId, fileId }, settings);
  let resultUrl: string;
  try {
    resultUrl = await convertDocument(
      { url, fromType: extension, toType: target, key: conversionKey(entry.id, entry.etag, target), title: entry.name },
      { documentServerUrl: settings.documentServerUrl, secret: settings.secret, signal },
    );
  } catch (error: unknown) {
    if (error instanceof ConversionError) {
      const code = error.code === -5 ? "BAD_REQUEST" : error.code === -2 ? "BACKEND_TIMEOUT" : "BACKEND_UNAVAILABLE";
      throw new AppError(code, {
        userMessage: error.code === -5 ? "the file is password-protected" : "the conversion failed",
        message: error.message,
        cause: error,
      });
    }
    throw error;
  }
  const base = entry.name.slice(0, entry.name.length - extension.length - 1) || entry.name;
  const written = await writeUnderFreeName(context, parentOf(entry.path), base, target, async () => {
    try {
      return await downloadFromDocumentServer(resultUrl, settings.documentServerUrl, signal);
    } catch (error: unknown) {
      throw new AppError("BACKEND_UNAVAILABLE", {
        userMessage: "the converted file could not be fetched",
        cause: error,
      });
    }
  });
  await recordAuditEvent({
    action: "office.converted",
    actorUserId: user.id,
    targetType: "file",
    targetId: entry.id,
    details: { from: extension, to: target, resultId: written.id },
  });
  return written;
}
