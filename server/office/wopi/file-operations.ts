/**
 * RenameFile, DeleteFile and PutUserInfo (POST /wopi/files/{id} with X-WOPI-Override
 * RENAME_FILE / DELETE / PUT_USER_INFO).
 *
 *   - RenameFile: X-WOPI-RequestedName (UTF-7) is the new name WITHOUT extension; the extension
 *     is kept. Invalid → 400 + X-WOPI-InvalidFileNameError; locked by another id → 409 +
 *     X-WOPI-Lock. The name taken → the host picks a free variant and says so in `Name`.
 *   - DeleteFile: to the Files trash (restorable); locked → 409 + X-WOPI-Lock.
 *   - PutUserInfo: the body (≤ 1024 characters) kept per user, returned by CheckFileInfo.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { AppError } from "@/server/errors";
import { joinUserPath, parentOf } from "@/server/files/paths";
import { encodeUtf7 } from "@/integrations/wopi/utf7";
import { wopiUserInfo } from "@/server/office/schema";
import {
  checkName,
  decodeNameHeader,
  freeName,
  InvalidWopiFileName,
  splitExtension,
} from "@/server/office/wopi/file-names";
import {
  header,
  readSmallText,
  sendLockConflict,
  sendOk,
  sendWopiError,
  sendWopiJson,
} from "@/server/office/wopi/wopi-http";
import { canWrite, type WopiOperationContext } from "@/server/office/wopi/wopi-operation";

export const MAX_USER_INFO_LENGTH = 1024;

export async function renameFile(context: WopiOperationContext): Promise<void> {
  const { req, res, file, storage, storageContext, options } = context;
  if (!canWrite(context) || !file.permissions.rename)
    throw new AppError("UNAUTHENTICATED", { userMessage: "this access token does not allow renaming" });
  const requestedHeader = header(req, "x-wopi-requestedname");
  if (requestedHeader === undefined)
    throw new AppError("BAD_REQUEST", { userMessage: "X-WOPI-RequestedName is required" });
  const requested = decodeNameHeader(requestedHeader, "X-WOPI-RequestedName");
  const current = await context.locks.current(file.id);
  if (current !== "" && header(req, "x-wopi-lock") !== current)
    return sendLockConflict(res, current, "the file is locked by another session");
  const [, extension] = splitExtension(file.name);
  let wanted: string;
  try {
    wanted = checkName(`${requested}${extension}`);
  } catch (error) {
    if (!(error instanceof InvalidWopiFileName)) throw error;
    sendWopiError(res, 400, "BAD_REQUEST", error.message, { "x-wopi-invalidfilenameerror": encodeUtf7(error.message) });
    return;
  }
  const folder = parentOf(file.path);
  const name = await freeName(storage, storageContext, folder, wanted, file.path);
  if (name !== file.name) {
    await storage.move(storageContext, file.path, joinUserPath(folder, name));
    await options.audit({
      action: "office.wopi_renamed",
      actorUserId: context.user.id,
      targetType: "file",
      targetId: file.id,
    });
  }
  sendWopiJson(res, { Name: splitExtension(name)[0] });
}

export async function deleteFile(context: WopiOperationContext): Promise<void> {
  const { res, file, options } = context;
  if (!canWrite(context) || !file.permissions.delete)
    throw new AppError("UNAUTHENTICATED", { userMessage: "this access token does not allow deleting" });
  const current = await context.locks.current(file.id);
  if (current !== "") return sendLockConflict(res, current, "the file is locked");
  await context.storage.delete(context.storageContext, file.path);
  await context.locks.clear(file.id);
  await options.audit({
    action: "office.wopi_deleted",
    actorUserId: context.user.id,
    targetType: "file",
    targetId: file.id,
  });
  sendOk(res);
}

export async function putUserInfo(context: WopiOperationContext): Promise<void> {
  const info = await readSmallText(context.req, MAX_USER_INFO_LENGTH * 4);
  if (info.length > MAX_USER_INFO_LENGTH)
    throw new AppError("BAD_REQUEST", { userMessage: `UserInfo is limited to ${MAX_USER_INFO_LENGTH} characters` });
  await (
    await context.options.db()
  )
    .insert(wopiUserInfo)
    .values({ userId: context.user.id, info })
    .onConflictDoUpdate({ target: wopiUserInfo.userId, set: { info, updatedAt: sql`now()` } });
  sendOk(context.res);
}
