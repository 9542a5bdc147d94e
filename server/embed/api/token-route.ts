/**
 * POST /api/embed/v1/oauth/token — OAuth 2.0 client credentials grant (RFC 6749 §4.4) for the
 * registered vendors of EMBED_CLIENTS_FILE. The client authenticates with HTTP Basic
 * (client_secret_basic, RFC 6749 §2.3.1: id and secret form-urlencoded, then base64) or with
 * client_id and client_secret in the form body (client_secret_post) — never both. Answers
 * `{ access_token, token_type: "Bearer", expires_in, scope }`, or an RFC 6749 §5.2 error body:
 * invalid_request / unsupported_grant_type / invalid_scope (400), invalid_client (401, with
 * WWW-Authenticate).
 *
 * Guessing stays slow: failed attempts are counted per client id and per address in the database
 * (server/rate-limit, shared by every portal process); past the limit the endpoint answers 429
 * with Retry-After before checking anything. Secrets are compared through scrypt and
 * timingSafeEqual, and an unknown client id costs the same scrypt as a known one.
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { AttemptLimiter, type LimitRule } from "@/server/rate-limit/attempt-limiter";
import { findEmbedClient, type EmbedClient } from "@/server/embed/clients";
import { verifyClientSecret } from "@/server/embed/client-secret-hash";
import { EMBED_API_SCOPE, issueAccessToken } from "@/server/embed/api/access-token";
import { nodeRequestMeta, readSmallBody } from "@/server/embed/api/request-helpers";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { AppError } from "@/server/errors";

export const TOKEN_PATH = "/api/embed/v1/oauth/token";

const PER_CLIENT: LimitRule = { max: 10, windowMs: 5 * 60 * 1000 };
const PER_ADDRESS: LimitRule = { max: 30, windowMs: 5 * 60 * 1000 };
const MAX_FORM_BYTES = 4096;
/** A valid hash of a random secret: an unknown client id is checked against it (same cost, always false). */
const DECOY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

const limiter = new AttemptLimiter();

type OAuthErrorCode =
  "invalid_request" | "invalid_client" | "unsupported_grant_type" | "invalid_scope" | "temporarily_unavailable";

function sendOAuth(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("cache-control", "no-store");
  res.setHeader("pragma", "no-cache");
  res.setHeader("content-length", Buffer.byteLength(text));
  res.end(text);
}

function oauthError(res: ServerResponse, status: number, error: OAuthErrorCode, description: string): void {
  if (error === "invalid_client") res.setHeader("www-authenticate", 'Basic realm="portal-embed", charset="UTF-8"');
  sendOAuth(res, status, { error, error_description: description });
}

function formDecode(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, " "));
}

interface PresentedCredentials {
  clientId: string;
  secret: string;
}

/** The credentials the request presents, or an error description (invalid_request). */
function readCredentials(req: IncomingMessage, form: URLSearchParams): PresentedCredentials | string {
  const header = req.headers.authorization;
  const inBody = form.has("client_id") || form.has("client_secret");
  if (header !== undefined) {
    if (inBody)
      return "use one client authentication method: HTTP Basic or client_id/client_secret in the body, not both";
    const match = /^Basic ([A-Za-z0-9+/]+=*)$/i.exec(header);
    if (!match?.[1]) return "Authorization: expected Basic credentials";
    const decoded = Buffer.from(match[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return "Authorization: expected base64(client_id:client_secret)";
    try {
      return { clientId: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
    } catch {
      return "Authorization: malformed percent-encoding";
    }
  }
  const clientId = form.get("client_id");
  const secret = form.get("client_secret");
  if (!clientId || !secret) return "client authentication required: HTTP Basic, or client_id and client_secret";
  return { clientId, secret };
}

async function handleToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "POST") {
    res.setHeader("allow", "POST");
    throw new AppError("METHOD_NOT_ALLOWED", { userMessage: "use POST" });
  }
  if (!(req.headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    return oauthError(res, 400, "invalid_request", "expected Content-Type application/x-www-form-urlencoded");
  }
  let form: URLSearchParams;
  try {
    form = new URLSearchParams((await readSmallBody(req, MAX_FORM_BYTES)).toString("utf8"));
  } catch (error) {
    if (error instanceof AppError && error.code === "PAYLOAD_TOO_LARGE") {
      return oauthError(res, 400, "invalid_request", `request too large: at most ${MAX_FORM_BYTES} bytes`);
    }
    throw error;
  }
  for (const name of ["grant_type", "client_id", "client_secret", "scope"]) {
    if (form.getAll(name).length > 1) return oauthError(res, 400, "invalid_request", `${name} repeated`);
  }
  const credentials = readCredentials(req, form);
  if (typeof credentials === "string") return oauthError(res, 400, "invalid_request", credentials);
  const meta = nodeRequestMeta(req);
  const limits: Array<readonly [string, LimitRule]> = [
    [`embed-client:${credentials.clientId}`, PER_CLIENT],
    [`embed-address:${meta.ip ?? "unknown"}`, PER_ADDRESS],
  ];
  const waitMs = await limiter.longestWaitMs(limits);
  if (waitMs > 0) {
    res.setHeader("retry-after", String(Math.ceil(waitMs / 1000)));
    return oauthError(res, 429, "temporarily_unavailable", "too many failed attempts; retry later");
  }
  const client: EmbedClient | undefined = findEmbedClient(credentials.clientId);
  const valid = await verifyClientSecret(credentials.secret, client?.secretHash ?? DECOY_HASH);
  if (!client || !valid) {
    for (const [key, rule] of limits) await limiter.recordFailure(key, rule);
    await recordAuditEvent({
      action: "embed.client_auth_failed",
      outcome: "failure",
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { clientId: credentials.clientId.slice(0, 64), reason: client ? "wrong_secret" : "unknown_client" },
    });
    return oauthError(res, 401, "invalid_client", "unknown client or wrong secret");
  }
  const grantType = form.get("grant_type");
  if (!grantType) return oauthError(res, 400, "invalid_request", "grant_type is required");
  if (grantType !== "client_credentials") {
    return oauthError(res, 400, "unsupported_grant_type", "only grant_type=client_credentials is supported");
  }
  const scope = form.get("scope");
  if (scope !== null && scope.split(" ").some((item) => item !== EMBED_API_SCOPE)) {
    return oauthError(res, 400, "invalid_scope", `the only scope is "${EMBED_API_SCOPE}"`);
  }
  const { token, expiresIn } = await issueAccessToken(client.id);
  sendOAuth(res, 200, { access_token: token, token_type: "Bearer", expires_in: expiresIn, scope: EMBED_API_SCOPE });
}

export { handleToken };
