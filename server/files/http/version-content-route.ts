/**
 * `GET /api/files/versions/content?path=…&version=…[&download=1]` — a past version's bytes,
 * streamed. The storage interface reads a version whole (no Range), so this answer advertises
 * `Accept-Ranges: none`; If-None-Match still gives 304.
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { baseName } from "@/server/files/paths";
import type { NodeRoute } from "@/server/http/node-routes";
import { ZFlag, ZUserPath, parseQuery } from "@/server/files/http/query";
import { methodNotAllowed, openFilesRequest } from "@/server/files/http/request-context";
import { sendFileContent } from "@/server/files/http/send-file-content";

/** Version ids are opaque (a UUID locally, a timestamp on Nextcloud): plain characters only. */
export const ZVersionId = z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/, "version id is malformed");

const ZVersionQuery = z.object({ path: ZUserPath, version: ZVersionId, download: ZFlag });

async function versionContent(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { storage, context } = await openFilesRequest(req, res);
  const { path, version, download } = parseQuery(url, ZVersionQuery);
  await sendFileContent(
    req,
    res,
    { read: () => storage.readVersion(context, path, version), rangeable: false },
    { fileName: baseName(path), download },
  );
}

export const versionContentRoute: NodeRoute = {
  prefix: "/api/files/versions/content",
  handle: (req, res, url) => (req.method === "GET" ? versionContent(req, res, url) : methodNotAllowed(res, ["GET"])),
};
