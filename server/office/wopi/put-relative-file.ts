/**
 * PutRelativeFile (POST /wopi/files/{id}, X-WOPI-Override: PUT_RELATIVE): "Save as" / "Save a
 * copy" — a NEW file beside the current one, streamed from the body.
 *
 *   - exactly one of X-WOPI-SuggestedTarget (a full name, or ".ext" meaning the current name with
 *     that extension; the host MUST adjust it until it is valid and free, and succeed) and
 *     X-WOPI-RelativeTarget (the exact name; never changed by the host) — both or none: 400;
 *     both are UTF-7 (integrations/wopi/utf7.ts);
 *   - RelativeTarget taken: 409 with X-WOPI-ValidRelativeTarget (a free name, UTF-7) unless
 *     X-WOPI-OverwriteRelativeTarget is true, and even then 409 + X-WOPI-Lock when the existing
 *     file is locked; an invalid name: 400 + X-WOPI-InvalidFileNameError;
 *   - the answer's Url is the new file's WOPI URL WITH its own access token (same user, session
 *     and permission), plus the portal's pages for it;
 *   - the source file's lock is not checked (the spec says so: it is not modified).
 * A read-only token gets 501, as CheckFileInfo's UserCanNotWriteRelative announced.
 */
import "server-only";
import { AppError } from "@/server/errors";
import { joinUserPath, parentOf } from "@/server/files/paths";
import type { FileEntry } from "@/server/files/storage";
import { encodeUtf7 } from "@/integrations/wopi/utf7";
import {
  checkName,
  decodeNameHeader,
  freeName,
  InvalidWopiFileName,
  sanitiseName,
  splitExtension,
} from "@/server/office/wopi/file-names";
import { capped, declaredLength, header, sendWopiError, sendWopiJson } from "@/server/office/wopi/wopi-http";
import { canWrite, editorPageUrl, type WopiOperationContext } from "@/server/office/wopi/wopi-operation";

function isNotFound(error: unknown): boolean {
  return error instanceof AppError && error.code === "NOT_FOUND";
}

export async function putRelativeFile(context: WopiOperationContext): Promise<void> {
  const { req, res, file, options, storage, storageContext } = context;
  if (!canWrite(context)) {
    sendWopiError(res, 501, "NOT_IMPLEMENTED", "this access token may not save a new file");
    return;
  }
  const suggestedHeader = header(req, "x-wopi-suggestedtarget");
  const relativeHeader = header(req, "x-wopi-relativetarget");
  if ((suggestedHeader === undefined) === (relativeHeader === undefined))
    throw new AppError("BAD_REQUEST", {
      userMessage: "exactly one of X-WOPI-SuggestedTarget and X-WOPI-RelativeTarget is required",
    });
  const sizeHeader = header(req, "x-wopi-size");
  const size = sizeHeader !== undefined && /^[0-9]{1,15}$/.test(sizeHeader) ? Number(sizeHeader) : declaredLength(req);
  if (size !== undefined && size > options.maxUploadBytes)
    throw new AppError("PAYLOAD_TOO_LARGE", {
      userMessage: `the file exceeds the ${options.maxUploadBytes}-byte limit`,
    });
  const folder = parentOf(file.path);
  const [stem, extension] = splitExtension(file.name);

  let name: string;
  let overwrite = false;
  if (suggestedHeader !== undefined) {
    const suggested = decodeNameHeader(suggestedHeader, "X-WOPI-SuggestedTarget");
    const wanted = suggested.startsWith(".") ? `${stem}${suggested}` : suggested;
    name = await freeName(storage, storageContext, folder, sanitiseName(wanted, extension));
  } else {
    const relative = decodeNameHeader(relativeHeader as string, "X-WOPI-RelativeTarget");
    try {
      name = checkName(relative);
    } catch (error) {
      if (!(error instanceof InvalidWopiFileName)) throw error;
      sendWopiError(res, 400, "BAD_REQUEST", error.message, {
        "x-wopi-invalidfilenameerror": encodeUtf7(error.message),
      });
      return;
    }
    overwrite = header(req, "x-wopi-overwriterelativetarget")?.toLowerCase() === "true";
    const existing: FileEntry | null = await storage
      .stat(storageContext, joinUserPath(folder, name))
      .catch((error: unknown) => (isNotFound(error) ? null : Promise.reject(error)));
    if (existing) {
      const valid = encodeUtf7(await freeName(storage, storageContext, folder, name));
      if (!overwrite || existing.kind !== "file") {
        sendWopiError(res, 409, "CONFLICT", "a file with that name exists", { "x-wopi-validrelativetarget": valid });
        return;
      }
      const lock = await context.locks.current(existing.id);
      if (lock !== "") {
        sendWopiError(res, 409, "CONFLICT", "the file to overwrite is locked", {
          "x-wopi-lock": lock,
          "x-wopi-validrelativetarget": valid,
        });
        return;
      }
    }
  }

  const created = await storage.write(storageContext, joinUserPath(folder, name), capped(req, options.maxUploadBytes), {
    ...(size === undefined ? {} : { size }),
    overwrite,
  });
  const issued = await options.tokens.issue({
    userId: context.user.id,
    sessionId: context.grant.sessionId,
    fileId: created.id,
    permission: "edit",
  });
  await options.audit({
    action: "office.wopi_saved_as",
    actorUserId: context.user.id,
    targetType: "file",
    targetId: created.id,
    details: { sourceFileId: file.id, size: created.size },
  });
  sendWopiJson(res, {
    Name: created.name,
    Url: `${options.hostUrl.replace(/\/+$/, "")}/wopi/files/${encodeURIComponent(created.id)}?access_token=${encodeURIComponent(issued.token)}`,
    HostViewUrl: editorPageUrl(options.portalUrl, created.id, "view"),
    HostEditUrl: editorPageUrl(options.portalUrl, created.id, "edit"),
  });
}
