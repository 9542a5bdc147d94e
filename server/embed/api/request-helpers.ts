/**
 * Small pieces every embedding API route uses: the caller's address for audit and rate limits, a
 * bounded read of small bodies (JSON, forms: never a file), and the bearer-token check that turns
 * `Authorization: Bearer …` into the calling client (RFC 6750 errors with WWW-Authenticate).
 *
 * The API never reads a cookie: a user's portal session opens nothing here.
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@/server/errors";
import type { RequestMeta } from "@/server/embed/embed-session";
import { findEmbedClient, type EmbedClient } from "@/server/embed/clients";
import { verifyAccessToken } from "@/server/embed/api/access-token";

export function nodeRequestMeta(req: IncomingMessage): RequestMeta {
  return { ip: req.socket.remoteAddress ?? null, userAgent: req.headers["user-agent"]?.slice(0, 512) ?? null };
}

/** Reads a small body whole, refusing more than `maxBytes` (413) as soon as it passes it. */
export async function readSmallBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && (!/^\d{1,16}$/.test(declared) || Number(declared) > maxBytes)) {
    throw new AppError(/^\d{1,16}$/.test(declared) ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST", {
      userMessage: /^\d{1,16}$/.test(declared) ? `body too large: at most ${maxBytes} bytes` : "invalid Content-Length",
    });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes)
      throw new AppError("PAYLOAD_TOO_LARGE", { userMessage: `body too large: at most ${maxBytes} bytes` });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body of at most `maxBytes`, 415 for another media type, 400 for broken JSON. */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  if (!(req.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", {
      userMessage: "expected application/json (or multipart/form-data with an upload)",
    });
  }
  const text = (await readSmallBody(req, maxBytes)).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", { userMessage: "body is not valid JSON" });
  }
}

/** The client a bearer token was issued to; 401 with `WWW-Authenticate: Bearer` otherwise. */
export async function requireApiClient(req: IncomingMessage, res: ServerResponse): Promise<EmbedClient> {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header);
  if (!match?.[1]) {
    res.setHeader("www-authenticate", 'Bearer realm="portal-embed"');
    throw new AppError("UNAUTHENTICATED", {
      userMessage: "send an access token: Authorization: Bearer <token> (POST /api/embed/v1/oauth/token)",
    });
  }
  const clientId = await verifyAccessToken(match[1]);
  const client = clientId ? findEmbedClient(clientId) : undefined;
  if (!client) {
    res.setHeader("www-authenticate", 'Bearer realm="portal-embed", error="invalid_token"');
    throw new AppError("UNAUTHENTICATED", { userMessage: "invalid or expired access token" });
  }
  return client;
}
