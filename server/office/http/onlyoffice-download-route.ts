/**
 * GET /api/office/onlyoffice/download/{fileId}?t={token} — the file's content for the Document
 * Server (`document.url` of the editor config, `url` of a conversion). No session cookie: the
 * Document Server calls it itself, with the short-lived token the portal signed for this file and
 * user. Streamed from the storage (backpressure through `pipeline`), never held in memory.
 */
import "server-only";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/server/errors";
import { env } from "@/server/env";
import type { NodeRoute } from "@/server/http/node-routes";
import { getFileStorage } from "@/server/files/get-file-storage";
import { clientGoneSignal } from "@/server/files/http/request-body";
import { loadUserForServerCall } from "@/server/office/office-user";
import { resolveOfficeFile } from "@/server/office/resolve-office-file";
import { onlyOfficeSettings } from "@/server/office/onlyoffice/onlyoffice-settings";
import { DOWNLOAD_ROUTE_PREFIX, verifyLinkToken } from "@/server/office/onlyoffice/document-server-links";

export function fileIdFromPath(pathname: string, prefix: string): string {
  const raw = pathname.slice(prefix.length);
  if (raw.length === 0 || raw.includes("/")) throw new AppError("NOT_FOUND", { userMessage: "no such file" });
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AppError("BAD_REQUEST", { userMessage: "malformed file id" });
  }
}

export const onlyOfficeDownloadRoute: NodeRoute = {
  prefix: DOWNLOAD_ROUTE_PREFIX,
  async handle(req, res, url) {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      throw new AppError("METHOD_NOT_ALLOWED", { userMessage: "use GET" });
    }
    const settings = onlyOfficeSettings(env());
    if (!settings) throw new AppError("NOT_CONFIGURED", { userMessage: "OnlyOffice is not configured" });
    const fileId = fileIdFromPath(url.pathname, DOWNLOAD_ROUTE_PREFIX);
    const token = url.searchParams.get("t");
    const claims = token ? await verifyLinkToken("download", token, fileId, settings.authSecret) : null;
    if (!claims) throw new AppError("UNAUTHENTICATED", { userMessage: "invalid or expired download link" });
    const user = await loadUserForServerCall(claims.userId, claims.sessionId);
    if (!user) throw new AppError("NOT_FOUND", { userMessage: "no such file" });
    const signal = clientGoneSignal(req, res);
    const context = { user, signal };
    const entry = await resolveOfficeFile(context, fileId);
    const content = await getFileStorage().read(context, entry.path);
    res.statusCode = 200;
    res.setHeader("content-type", "application/octet-stream");
    res.setHeader("content-length", content.size);
    res.setHeader("cache-control", "no-store");
    res.setHeader("etag", content.etag);
    if (req.method === "HEAD") {
      content.body.destroy();
      res.end();
      return;
    }
    await pipeline(content.body, res);
  },
};
