/**
 * The embedding API, /api/embed/v1/**, answered by the portal's own HTTP server (a node route:
 * server/http/node-routes.ts) rather than Next route handlers, because two of its routes stream —
 * session creation receives DOCX/ODT uploads up to IMPORT_MAX_BYTES and exports stream files out —
 * and one router keeps the bearer-only authentication in one place. Every route:
 *
 *   POST   /oauth/token                  client credentials → access token (token-route.ts)
 *   GET    /openapi.json                 the OpenAPI 3.1 description (openapi.ts), public
 *   POST   /sessions                     create (JSON, or multipart: `session` JSON + `file`)
 *   GET    /sessions                     list (reference, status, limit, cursor)
 *   GET    /sessions/{id}                one
 *   DELETE /sessions/{id}                cancel
 *   GET    /documents/{id}?format=…      export (docx, odt, pdf, pdfa, native)
 *   GET    /webhooks/deliveries          the webhook delivery log
 *
 * Everything but the token and the OpenAPI document needs `Authorization: Bearer <token>`; no
 * route reads a cookie. Input is validated with the zod schemas of schemas.ts (400 naming the
 * field), and a session or document of another client is a 404.
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/server/errors";
import { sendJson, type NodeRoute } from "@/server/http/node-routes";
import { IMPORT_MAX_BYTES } from "@/server/documents/convert/convert-limits";
import { checkDeclaredLength } from "@/server/documents/convert/receive-upload";
import { createWorkDir } from "@/server/documents/convert/libreoffice";
import { attachmentDisposition } from "@/server/documents/convert/content-disposition";
import { isEmbeddingConfigured } from "@/server/embed/clients";
import { createEmbedSession } from "@/server/embed/create-embed-session";
import { cancelClientSession, getClientSession, listClientSessions } from "@/server/embed/embed-session-records";
import { exportClientDocument } from "@/server/embed/export-client-document";
import { listDeliveries } from "@/server/embed/webhooks/list-deliveries";
import {
  ZCreateSessionBody,
  ZExportQuery,
  ZIdParam,
  ZListDeliveriesQuery,
  ZListSessionsQuery,
} from "@/server/embed/api/schemas";
import { nodeRequestMeta, readJsonBody, requireApiClient } from "@/server/embed/api/request-helpers";
import { receiveMultipartSession } from "@/server/embed/api/receive-multipart-session";
import { handleToken } from "@/server/embed/api/token-route";
import { openApiDocument } from "@/server/embed/api/openapi";

export const EMBED_API_PREFIX = "/api/embed/v1/";
const MAX_JSON_BYTES = 1024 * 1024;
/** Room for the multipart framing and the `session` part around the file. */
const MULTIPART_OVERHEAD_BYTES = 2 * 1024 * 1024;

function methodNotAllowed(res: ServerResponse, allowed: string): never {
  res.setHeader("allow", allowed);
  throw new AppError("METHOD_NOT_ALLOWED", { userMessage: `method not allowed; use ${allowed}` });
}

function queryOf(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (key in query)
      throw new AppError("BAD_REQUEST", { userMessage: `invalid ${key.slice(0, 40)}: given more than once` });
    query[key] = value;
  }
  return query;
}

function parseId(raw: string, what: string): string {
  const parsed = ZIdParam.safeParse(raw);
  if (!parsed.success) throw new AppError("BAD_REQUEST", { userMessage: `invalid ${what} id: expected a UUID` });
  return parsed.data;
}

async function createSession(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const client = await requireApiClient(req, res);
  const meta = nodeRequestMeta(req);
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (!type.startsWith("multipart/form-data")) {
    const body = ZCreateSessionBody.parse(await readJsonBody(req, MAX_JSON_BYTES));
    if ("upload" in body.document) {
      throw new AppError("BAD_REQUEST", {
        userMessage: "document.upload: send multipart/form-data with the parts session and file",
      });
    }
    sendJson(res, 201, await createEmbedSession({ client, body, upload: null, meta }));
    return;
  }
  checkDeclaredLength(req, IMPORT_MAX_BYTES + MULTIPART_OVERHEAD_BYTES);
  const work = await createWorkDir();
  try {
    const received = await receiveMultipartSession(req, work.dir, IMPORT_MAX_BYTES);
    let raw: unknown;
    try {
      raw = JSON.parse(received.sessionJson);
    } catch {
      throw new AppError("BAD_REQUEST", { userMessage: "the session part is not valid JSON" });
    }
    const body = ZCreateSessionBody.parse(raw);
    if (!("upload" in body.document) && received.file) {
      throw new AppError("BAD_REQUEST", { userMessage: "file: only allowed with document.upload" });
    }
    const upload = received.file ? { path: received.file.path, fileName: received.file.fileName } : null;
    sendJson(res, 201, await createEmbedSession({ client, body, upload, meta }));
  } finally {
    await work.dispose();
  }
}

async function exportDocumentRoute(req: IncomingMessage, res: ServerResponse, url: URL, id: string): Promise<void> {
  const client = await requireApiClient(req, res);
  const documentId = parseId(id, "document");
  const { format } = ZExportQuery.parse(queryOf(url));
  const file = await exportClientDocument({ clientId: client.id, documentId, format, meta: nodeRequestMeta(req) });
  try {
    res.statusCode = 200;
    res.setHeader("content-type", file.contentType);
    res.setHeader("content-length", String(file.size));
    res.setHeader("content-disposition", attachmentDisposition(file.fileName));
    res.setHeader("cache-control", "no-store");
    await pipeline(file.body, res);
  } finally {
    await file.dispose();
  }
}

async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? "GET";
  const path = url.pathname.slice(EMBED_API_PREFIX.length).replace(/\/+$/, "");
  const segments = path.split("/");
  if (path === "openapi.json") {
    if (method !== "GET") methodNotAllowed(res, "GET");
    res.setHeader("cache-control", "public, max-age=300");
    sendJson(res, 200, openApiDocument());
    return;
  }
  if (!isEmbeddingConfigured()) {
    throw new AppError("NOT_CONFIGURED", {
      userMessage: "embedding is not configured on this portal (EMBED_CLIENTS_FILE)",
    });
  }
  if (path === "oauth/token") return handleToken(req, res);
  if (path === "sessions") {
    if (method === "POST") return createSession(req, res);
    if (method !== "GET") methodNotAllowed(res, "GET, POST");
    const client = await requireApiClient(req, res);
    sendJson(res, 200, await listClientSessions(client.id, ZListSessionsQuery.parse(queryOf(url))));
    return;
  }
  if (segments.length === 2 && segments[0] === "sessions" && segments[1]) {
    if (method !== "GET" && method !== "DELETE") methodNotAllowed(res, "GET, DELETE");
    const client = await requireApiClient(req, res);
    const sessionId = parseId(segments[1], "session");
    const view =
      method === "GET"
        ? await getClientSession(client.id, sessionId)
        : await cancelClientSession(client.id, sessionId, nodeRequestMeta(req));
    sendJson(res, 200, view);
    return;
  }
  if (segments.length === 2 && segments[0] === "documents" && segments[1]) {
    if (method !== "GET") methodNotAllowed(res, "GET");
    return exportDocumentRoute(req, res, url, segments[1]);
  }
  if (path === "webhooks/deliveries") {
    if (method !== "GET") methodNotAllowed(res, "GET");
    const client = await requireApiClient(req, res);
    sendJson(res, 200, await listDeliveries(client.id, ZListDeliveriesQuery.parse(queryOf(url))));
    return;
  }
  throw new AppError("NOT_FOUND", { userMessage: "no such embedding API route (see /api/embed/v1/openapi.json)" });
}

export const embedApiRoute: NodeRoute = {
  prefix: EMBED_API_PREFIX,
  async handle(req, res, url) {
    try {
      await route(req, res, url);
    } catch (error) {
      // A refused request may still be sending its body: answer, then close rather than read it.
      if (!req.readableEnded) res.setHeader("connection", "close");
      throw error;
    }
  },
};
