/**
 * GetFile and PutFile (GET / POST /wopi/files/{id}/contents), streamed both ways: the file goes
 * from the storage to the client and from the client to the storage without ever being whole in
 * memory (100 MB files are the benchmark, bench/wopi-transfer.ts).
 *
 * PutFile's rules (WOPI "PutFile"; Collabora's "PutFile" extensions):
 *   - locked with another id → 409 + X-WOPI-Lock (the current id);
 *   - unlocked → allowed only while the file is empty (the new-file flow), else 409 with
 *     `X-WOPI-Lock: ""`;
 *   - larger than FILES_MAX_UPLOAD_BYTES → 413 (at once when Content-Length says so, else as
 *     soon as the body passes it, leaving the file untouched);
 *   - X-COOL-WOPI-Timestamp (or the older X-LOOL-) different from the file's LastModifiedTime →
 *     409 `{"COOLStatusCode":1010}`: the file changed behind the editor; Collabora then asks the
 *     user and, to overwrite, retries without the header;
 *   - the write is conditional on the ETag read at the start (If-Match), so a change made by
 *     anyone in between is a 409, never silently overwritten;
 *   - answers X-WOPI-ItemVersion (the new Version) and `{"LastModifiedTime": …}`.
 */
import "server-only";
import { AppError } from "@/server/errors";
import { sendJson } from "@/server/http/node-routes";
import {
  capped,
  declaredLength,
  header,
  sendLockConflict,
  sendWopiError,
  sendWopiJson,
} from "@/server/office/wopi/wopi-http";
import { canWrite, type WopiOperationContext } from "@/server/office/wopi/wopi-operation";
import { pipeline } from "node:stream/promises";

export async function getFile(context: WopiOperationContext): Promise<void> {
  const { res, file } = context;
  const maxExpected = header(context.req, "x-wopi-maxexpectedsize");
  if (maxExpected !== undefined) {
    if (!/^[0-9]{1,15}$/.test(maxExpected.trim()))
      throw new AppError("BAD_REQUEST", { userMessage: "X-WOPI-MaxExpectedSize is not a number" });
    if (file.size > Number(maxExpected.trim())) {
      sendWopiError(res, 412, "CONFLICT", "the file is larger than X-WOPI-MaxExpectedSize");
      return;
    }
  }
  const content = await context.storage.read(context.storageContext, file.path);
  res.statusCode = 200;
  res.setHeader("content-type", "application/octet-stream");
  res.setHeader("content-length", content.size);
  res.setHeader("x-wopi-itemversion", content.etag);
  res.setHeader("cache-control", "no-store");
  await pipeline(content.body, res);
}

export async function putFile(context: WopiOperationContext): Promise<void> {
  const { req, res, file, options } = context;
  if (!canWrite(context))
    throw new AppError("UNAUTHENTICATED", { userMessage: "this access token does not allow writing" });
  const size = declaredLength(req);
  if (size !== undefined && size > options.maxUploadBytes)
    throw new AppError("PAYLOAD_TOO_LARGE", {
      userMessage: `the file exceeds the ${options.maxUploadBytes}-byte limit`,
    });
  const current = await context.locks.current(file.id);
  const requested = header(req, "x-wopi-lock") ?? "";
  if (current === "" && file.size > 0) return sendLockConflict(res, "", "the file is not locked");
  if (current !== "" && requested !== current)
    return sendLockConflict(res, current, "the file is locked by another session");
  const coolTimestamp = header(req, "x-cool-wopi-timestamp");
  const loolTimestamp = header(req, "x-lool-wopi-timestamp");
  if ((coolTimestamp ?? loolTimestamp) !== undefined && (coolTimestamp ?? loolTimestamp) !== file.lastModified) {
    res.setHeader("x-wopi-lock", current);
    sendJson(res, 409, coolTimestamp !== undefined ? { COOLStatusCode: 1010 } : { LOOLStatusCode: 1010 });
    return;
  }
  let written;
  try {
    written = await context.storage.write(context.storageContext, file.path, capped(req, options.maxUploadBytes), {
      ...(size === undefined ? {} : { size }),
      overwrite: true,
      ifMatch: file.etag,
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "CONFLICT")
      return sendLockConflict(res, await context.locks.current(file.id), "the file changed during the save");
    throw error;
  }
  await options.audit({
    action: "office.wopi_saved",
    actorUserId: context.user.id,
    targetType: "file",
    targetId: file.id,
    details: { size: written.size },
  });
  sendWopiJson(res, { LastModifiedTime: written.lastModified }, { "x-wopi-itemversion": written.etag });
}
