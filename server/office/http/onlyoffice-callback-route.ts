/**
 * POST /api/office/onlyoffice/callback/{fileId}?t={token} — the Document Server's callbacks
 * (server/office/onlyoffice/handle-callback.ts does the work). Not a browser route: no session,
 * exempt from the cross-site check (the caller is authenticated by two signatures instead).
 *
 * A node route rather than a Next route handler because a save streams the Document Server's
 * result into storage, and the route must answer only once that is done.
 */
import "server-only";
import type { IncomingMessage } from "node:http";
import { AppError } from "@/server/errors";
import { sendJson, type NodeRoute } from "@/server/http/node-routes";
import { clientGoneSignal } from "@/server/files/http/request-body";
import { handleOnlyOfficeCallback } from "@/server/office/onlyoffice/handle-callback";
import { CALLBACK_ROUTE_PREFIX } from "@/server/office/onlyoffice/document-server-links";
import { fileIdFromPath } from "@/server/office/http/onlyoffice-download-route";

/** Callbacks may carry the change history; the header token alone is trimmed to fit 8 KiB. */
const MAX_CALLBACK_BYTES = 2 * 1024 * 1024;

async function readCallbackBody(req: IncomingMessage): Promise<unknown> {
  if (!(req.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", { userMessage: "expected application/json" });
  }
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > MAX_CALLBACK_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", { userMessage: "callback too large" });
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > MAX_CALLBACK_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", { userMessage: "callback too large" });
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", { userMessage: "body is not valid JSON" });
  }
}

export const onlyOfficeCallbackRoute: NodeRoute = {
  prefix: CALLBACK_ROUTE_PREFIX,
  async handle(req, res, url) {
    if (req.method !== "POST") {
      res.setHeader("allow", "POST");
      throw new AppError("METHOD_NOT_ALLOWED", { userMessage: "use POST" });
    }
    const fileId = fileIdFromPath(url.pathname, CALLBACK_ROUTE_PREFIX);
    const body = await readCallbackBody(req);
    const answer = await handleOnlyOfficeCallback({
      fileId,
      linkToken: url.searchParams.get("t"),
      body,
      authorization: req.headers.authorization,
      signal: clientGoneSignal(req, res),
    });
    sendJson(res, answer.status, answer.body);
  },
};
