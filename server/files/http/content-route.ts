/**
 * `GET|HEAD|PUT /api/files/content?path=…` — a file's bytes, streamed both ways.
 *
 *   GET/HEAD  [&download=1]   Range (206/416), If-None-Match/If-Modified-Since (304), If-Range;
 *                             inline only for safe types (content-disposition.ts).
 *   PUT       [&overwrite=1]  the body becomes the file (Content-Length required, at most
 *                             FILES_MAX_UPLOAD_BYTES, checked before reading); If-Match for
 *                             optimistic concurrency. Large files go through upload sessions.
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { env } from "@/server/env";
import { baseName } from "@/server/files/paths";
import type { NodeRoute } from "@/server/http/node-routes";
import { sendJson } from "@/server/http/node-routes";
import { guardedBody } from "@/server/files/http/body-stream";
import { ZFlag, ZUserPath, parseQuery } from "@/server/files/http/query";
import { declaredLength } from "@/server/files/http/request-body";
import { methodNotAllowed, openFilesRequest } from "@/server/files/http/request-context";
import { sendFileContent } from "@/server/files/http/send-file-content";

const ZReadQuery = z.object({ path: ZUserPath, download: ZFlag });
const ZWriteQuery = z.object({ path: ZUserPath, overwrite: ZFlag });

async function read(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { storage, context } = await openFilesRequest(req, res);
  const { path, download } = parseQuery(url, ZReadQuery);
  await sendFileContent(
    req,
    res,
    {
      stat: async () => {
        const entry = await storage.stat(context, path);
        return { ...entry, contentType: entry.contentType ?? "application/octet-stream" };
      },
      read: (range) => storage.read(context, path, range),
      rangeable: true,
    },
    { fileName: baseName(path), download },
  );
}

async function write(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { storage, context } = await openFilesRequest(req, res);
  const { path, overwrite } = parseQuery(url, ZWriteQuery);
  const size = declaredLength(req, res, env().FILES_MAX_UPLOAD_BYTES);
  const ifMatch = req.headers["if-match"];
  const entry = await storage.write(context, path, guardedBody(req, size), {
    size,
    overwrite,
    ...(ifMatch ? { ifMatch } : {}),
  });
  sendJson(res, 201, entry);
}

export const contentRoute: NodeRoute = {
  prefix: "/api/files/content",
  handle: (req, res, url) => {
    if (req.method === "GET" || req.method === "HEAD") return read(req, res, url);
    if (req.method === "PUT") return write(req, res, url);
    return methodNotAllowed(res, ["GET", "HEAD", "PUT"]);
  },
};
