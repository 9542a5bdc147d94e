/**
 * The short-lived token a page presents to join a document's collaboration session.
 *
 * Why a token rather than the session cookie: the collaboration connection may be a WebSocket or
 * the HTTP fallback, may be served by another process than the page, and outlives the page's
 * requests; a token binds one user to one document in one role for a few minutes, and the
 * provider asks for a new one when it reconnects and when the server asks for it on an open
 * connection before the current one expires (token-lifetime-extension.ts). It is a JWT (HS256)
 * signed with a key derived from AUTH_SECRET for this purpose only, so it cannot be confused with
 * any other portal token. It names the portal session it came from (`sid`, the session row's id —
 * a hash, useless as a cookie), so the server can end the connection when that session ends.
 */
import "server-only";
import { hkdfSync } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import { z } from "zod";
import { DOCUMENT_ROLES, type DocumentRole } from "@/server/documents/schema";

const ISSUER = "portal";
const AUDIENCE = "portal-collab";

export interface CollabTokenClaims {
  userId: string;
  displayName: string;
  documentId: string;
  role: DocumentRole;
  /** Share link the role came from (re-checked at each connection), or null for a member. */
  linkId: string | null;
  /**
   * The portal session (sessions.id) the token was issued to; re-checked at connection and at each
   * expiry. Null only for tokens not tied to a portal session (embed sessions, tests).
   */
  sessionId?: string | null;
}

/** A verified token: its claims and its validity window. */
export interface VerifiedCollabToken extends CollabTokenClaims {
  sessionId: string | null;
  issuedAt: Date;
  expiresAt: Date;
}

const ZClaims = z.object({
  sub: z.uuid(),
  name: z.string().max(200),
  doc: z.uuid(),
  role: z.enum(DOCUMENT_ROLES),
  lnk: z.uuid().optional(),
  sid: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  iat: z.number().int(),
  exp: z.number().int(),
});

const keys = new Map<string, Uint8Array>();

function signingKey(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "portal-collab-token", "collab-token-signing", 32));
    keys.set(secret, key);
  }
  return key;
}

export async function issueCollabToken(
  claims: CollabTokenClaims,
  options: { secret: string; ttlSeconds: number },
): Promise<{ token: string; issuedAt: Date; expiresAt: Date }> {
  const now = Math.floor(Date.now() / 1000);
  const exp = now + options.ttlSeconds;
  const token = await new SignJWT({
    name: claims.displayName,
    doc: claims.documentId,
    role: claims.role,
    ...(claims.linkId ? { lnk: claims.linkId } : {}),
    ...(claims.sessionId ? { sid: claims.sessionId } : {}),
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(signingKey(options.secret));
  return { token, issuedAt: new Date(now * 1000), expiresAt: new Date(exp * 1000) };
}

/**
 * The claims of a valid token, or null when it is malformed, forged, expired or for something else.
 * Expiry is strict: the clock tolerance covers only an issuing process whose clock runs slightly
 * ahead (iat/nbf), never a token past its `exp` — a connection lives exactly as long as its token
 * unless a fresh one replaces it (token-lifetime-extension.ts).
 */
export async function verifyCollabToken(
  token: string,
  secret: string,
  now: number = Date.now(),
): Promise<VerifiedCollabToken | null> {
  if (token.length === 0 || token.length > 4096) return null;
  try {
    const { payload } = await jwtVerify(token, signingKey(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
      clockTolerance: 5,
      currentDate: new Date(now),
    });
    const claims = ZClaims.safeParse(payload);
    if (!claims.success || claims.data.exp * 1000 <= now) return null;
    return {
      userId: claims.data.sub,
      displayName: claims.data.name,
      documentId: claims.data.doc,
      role: claims.data.role,
      linkId: claims.data.lnk ?? null,
      sessionId: claims.data.sid ?? null,
      issuedAt: new Date(claims.data.iat * 1000),
      expiresAt: new Date(claims.data.exp * 1000),
    };
  } catch {
    return null;
  }
}
