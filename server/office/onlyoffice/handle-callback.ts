/**
 * Handles one Document Server callback for a file (API docs: callback-handler). The caller (the
 * callback route) gives the raw parsed body, the Authorization header and the portal's link token
 * from the callback URL; the answer is what to send back.
 *
 *   1  being edited            acknowledged (logged: how many editors, no names)
 *   2  closed, ready to save   the result is streamed from the Document Server into Files
 *                              (a new version), then the document key is retired
 *   3  save error             logged and audited; the file is untouched
 *   4  closed, no changes     acknowledged
 *   6  force-saved            streamed into Files like 2; the key stays (the session goes on)
 *   7  force-save error       like 3
 *
 * Every callback is verified before anything is read: the portal's link token (file, user,
 * session) and the Document Server's JWT. Refusals answer 403 and never touch the file. Saves are
 * idempotent (callback-ledger.ts) and `{"error":0}` is only answered once the new content is in
 * storage; a failed save answers an error so the Document Server keeps the document and retries.
 */
import "server-only";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { env } from "@/server/env";
import { logger } from "@/server/log";
import { errorCode } from "@/server/errors";
import { getFileStorage } from "@/server/files/get-file-storage";
import { verifyCallback, type TCallback } from "@/integrations/onlyoffice/callback";
import { downloadFromDocumentServer, isOnDocumentServer } from "@/integrations/onlyoffice/document-server-download";
import { extensionOf, onlyOfficeFormat } from "@/integrations/onlyoffice/formats";
import { loadUserForServerCall } from "@/server/office/office-user";
import { resolveOfficeFile } from "@/server/office/resolve-office-file";
import { onlyOfficeSettings } from "@/server/office/onlyoffice/onlyoffice-settings";
import { verifyLinkToken, type LinkClaims } from "@/server/office/onlyoffice/document-server-links";
import { keepKeyAfterForceSave, retireKeyAfterSave } from "@/server/office/onlyoffice/document-keys";
import {
  callbackId,
  claimCallback,
  completeCallback,
  releaseCallback,
} from "@/server/office/onlyoffice/callback-ledger";

export interface CallbackAnswer {
  status: number;
  body: { error: number; message?: string };
}

const OK: CallbackAnswer = { status: 200, body: { error: 0 } };

function refused(message: string): CallbackAnswer {
  return { status: 403, body: { error: 1, message } };
}

export interface CallbackRequest {
  fileId: string;
  linkToken: string | null;
  body: unknown;
  authorization: string | undefined;
  signal?: AbortSignal;
}

const log = logger.child({ module: "office", editor: "onlyoffice" });

async function auditRefusal(fileId: string, reason: string, actor: string | null): Promise<void> {
  await recordAuditEvent({
    action: "office.onlyoffice_callback_refused",
    actorUserId: actor,
    targetType: "file",
    targetId: fileId,
    outcome: "failure",
    details: { reason },
  });
}

export async function handleOnlyOfficeCallback(request: CallbackRequest): Promise<CallbackAnswer> {
  const settings = onlyOfficeSettings(env());
  if (!settings) return { status: 503, body: { error: 1, message: "OnlyOffice is not configured" } };

  const link = request.linkToken
    ? await verifyLinkToken("callback", request.linkToken, request.fileId, settings.authSecret)
    : null;
  if (!link) {
    log.warn({ fileId: request.fileId, reason: "link-token" }, "onlyoffice callback refused");
    await auditRefusal(request.fileId, "link-token", null);
    return refused("invalid or expired callback link");
  }
  const verified = await verifyCallback(request.body, request.authorization, settings.secret);
  if (!verified.ok) {
    log.warn({ fileId: request.fileId, reason: verified.reason }, "onlyoffice callback refused");
    await auditRefusal(request.fileId, verified.reason, link.userId);
    return refused(`callback refused: ${verified.reason}`);
  }
  const callback = verified.callback;
  switch (callback.status) {
    case 1:
      log.info({ fileId: link.fileId, editors: callback.users?.length ?? 0 }, "onlyoffice document being edited");
      return OK;
    case 0:
    case 4:
      return OK;
    case 3:
    case 7:
      log.error({ fileId: link.fileId, status: callback.status }, "onlyoffice reported a save error");
      await recordAuditEvent({
        action: "office.onlyoffice_save_failed",
        actorUserId: link.userId,
        targetType: "file",
        targetId: link.fileId,
        outcome: "failure",
        details: { status: callback.status, reportedBy: "document-server" },
      });
      return OK;
    case 2:
    case 6:
      return saveFromDocumentServer(callback, link, settings.documentServerUrl, request.signal);
    default:
      return refused("unknown status");
  }
}

async function saveFromDocumentServer(
  callback: TCallback,
  link: LinkClaims,
  documentServerUrl: string,
  signal: AbortSignal | undefined,
): Promise<CallbackAnswer> {
  if (!callback.url) return { status: 400, body: { error: 1, message: "a save callback needs a url" } };
  if (!isOnDocumentServer(callback.url, documentServerUrl)) {
    log.warn({ fileId: link.fileId, reason: "foreign-url" }, "onlyoffice callback refused");
    await auditRefusal(link.fileId, "foreign-url", link.userId);
    return refused("the url is not on the Document Server");
  }
  const id = callbackId(callback.key, callback.status, callback.url);
  const claim = await claimCallback(id, link.fileId, callback.status);
  if (claim === "already-done") return OK;
  if (claim === "in-progress") return { status: 409, body: { error: 1, message: "this save is in progress" } };
  try {
    const user = await loadUserForServerCall(link.userId, link.sessionId);
    if (!user) throw new Error("the user who opened the editor no longer exists");
    const context = { user, signal };
    const entry = await resolveOfficeFile(context, link.fileId);
    const extension = extensionOf(entry.name);
    if (callback.filetype && callback.filetype.toLowerCase() !== extension && onlyOfficeFormat(extension)?.editable) {
      throw new Error("the Document Server saved another format than the file's");
    }
    const download = await downloadFromDocumentServer(callback.url, documentServerUrl, signal);
    const saved = await getFileStorage().write(context, entry.path, download.body, {
      overwrite: true,
      ...(download.size !== undefined ? { size: download.size } : {}),
    });
    if (callback.status === 2) await retireKeyAfterSave(link.fileId, callback.key);
    else await keepKeyAfterForceSave(link.fileId, callback.key, saved.etag);
    await completeCallback(id);
    await recordAuditEvent({
      action: "office.onlyoffice_saved",
      actorUserId: link.userId,
      targetType: "file",
      targetId: link.fileId,
      details: { status: callback.status, size: saved.size },
    });
    log.info({ fileId: link.fileId, status: callback.status, size: saved.size }, "onlyoffice document saved");
    return OK;
  } catch (error: unknown) {
    await releaseCallback(id);
    log.error({ fileId: link.fileId, status: callback.status, code: errorCode(error) }, "onlyoffice save failed");
    await recordAuditEvent({
      action: "office.onlyoffice_save_failed",
      actorUserId: link.userId,
      targetType: "file",
      targetId: link.fileId,
      outcome: "failure",
      details: { status: callback.status, reportedBy: "portal", code: errorCode(error) },
    });
    return { status: 500, body: { error: 1, message: "the document could not be saved" } };
  }
}
