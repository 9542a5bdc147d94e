/**
 * Resumable uploads, one chunk per request, so a 5 GiB file survives a network cut:
 *
 *   POST   /api/files/uploads                 JSON { path, size, overwrite? } → 201 UploadSession
 *   GET    /api/files/uploads/{id}            → UploadSession (resume at `received`)
 *   PUT    /api/files/uploads/{id}?offset=N   body = one chunk (≤ FILES_CHUNK_BYTES) → UploadSession;
 *                                             an offset other than `received` → 409 carrying the
 *                                             session in `error.session`
 *   POST   /api/files/uploads/{id}/complete   → 201 FileEntry
 *   DELETE /api/files/uploads/{id}            → 204
 *
 * The session lives in the storage's database rows (or Nextcloud's upload folder), never in this
 * process, so a chunk may reach any portal process.
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import type { NodeRoute } from "@/server/http/node-routes";
import { sendJson } from "@/server/http/node-routes";
import { guardedBody } from "@/server/files/http/body-stream";
import { ZUserPath, parseQuery } from "@/server/files/http/query";
import { declaredLength, readJsonBody } from "@/server/files/http/request-body";
import { methodNotAllowed, openFilesRequest, type FilesRequest } from "@/server/files/http/request-context";

const PREFIX = "/api/files/uploads";

/** Upload ids are opaque but plain: no separators, no dot segments. */
export const ZUploadId = z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/, "upload id is malformed");

const ZStartBody = z.strictObject({
  path: ZUserPath,
  size: z.number().int("size must be a whole number of bytes").min(0, "size cannot be negative"),
  overwrite: z.boolean().optional(),
});

const ZChunkQuery = z.object({
  offset: z
    .string()
    .regex(/^\d{1,16}$/, "offset must be a whole number of bytes")
    .transform(Number),
});

async function start(req: IncomingMessage, res: ServerResponse, files: FilesRequest): Promise<void> {
  const body = ZStartBody.parse(await readJsonBody(req, res));
  const max = env().FILES_MAX_UPLOAD_BYTES;
  if (body.size > max) throw new AppError("PAYLOAD_TOO_LARGE", { userMessage: `file too large: at most ${max} bytes` });
  const session = await files.storage.startUpload(files.context, body.path, body.size, {
    overwrite: body.overwrite ?? false,
  });
  sendJson(res, 201, session);
}

async function appendChunk(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  { storage, context }: FilesRequest,
  id: string,
): Promise<void> {
  const { offset } = parseQuery(url, ZChunkQuery);
  const length = declaredLength(req, res, env().FILES_CHUNK_BYTES, "chunk");
  try {
    sendJson(res, 200, await storage.appendUpload(context, id, offset, guardedBody(req, length), length));
  } catch (error: unknown) {
    if (!(error instanceof AppError) || error.code !== "CONFLICT") throw error;
    // The client's idea of the offset is stale (a chunk was cut, or sent twice): tell it where to resume.
    res.setHeader("connection", "close");
    const session = await storage.getUpload({ user: context.user }, id);
    sendJson(res, 409, {
      error: { code: "CONFLICT", message: `wrong offset: resume at ${session.received}`, session },
    });
  }
}

type Operation = "start" | "get" | "append" | "cancel" | "complete";

/** Which operation a method and path name, or a 404/405 before anything else is looked at. */
function operationOf(req: IncomingMessage, res: ServerResponse, rest: string): { operation: Operation; rawId: string } {
  if (rest === "" || rest === "/") {
    if (req.method !== "POST") return methodNotAllowed(res, ["POST"]);
    return { operation: "start", rawId: "" };
  }
  const match = /^\/([^/]+)(\/complete)?$/.exec(rest);
  if (!match?.[1]) throw new AppError("NOT_FOUND", { userMessage: "no such upload route" });
  if (match[2] !== undefined) {
    if (req.method !== "POST") return methodNotAllowed(res, ["POST"]);
    return { operation: "complete", rawId: match[1] };
  }
  const byMethod: Record<string, Operation> = { GET: "get", PUT: "append", DELETE: "cancel" };
  const operation = byMethod[req.method ?? ""];
  if (!operation) return methodNotAllowed(res, ["GET", "PUT", "DELETE"]);
  return { operation, rawId: match[1] };
}

async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { operation, rawId } = operationOf(req, res, url.pathname.slice(PREFIX.length));
  const files = await openFilesRequest(req, res);
  if (operation === "start") return start(req, res, files);
  const id = ZUploadId.parse(rawId);
  const { storage, context } = files;
  switch (operation) {
    case "get":
      return sendJson(res, 200, await storage.getUpload(context, id));
    case "append":
      return appendChunk(req, res, url, files, id);
    case "complete":
      return sendJson(res, 201, await storage.completeUpload(context, id));
    case "cancel":
      await storage.cancelUpload(context, id);
      res.statusCode = 204;
      res.end();
  }
}

/** Two entries: the exact collection path and everything below it. */
export const uploadsRoutes: NodeRoute[] = [
  { prefix: PREFIX, handle },
  { prefix: `${PREFIX}/`, handle },
];
