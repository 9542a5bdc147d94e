/**
 * The two URLs the Document Server calls on the portal, each carrying a token the portal signed:
 *
 *   GET  /api/office/onlyoffice/download/{fileId}?t=…   the file's content (short-lived: the
 *        Document Server fetches it when the editor opens or a conversion starts);
 *   POST /api/office/onlyoffice/callback/{fileId}?t=…   the editing session's callbacks (they can
 *        arrive hours after the page opened, so days, and the Document Server's own JWT on each
 *        callback is checked too).
 *
 * Tokens are HS256 JWTs with a key derived from AUTH_SECRET for this purpose only (so they cannot
 * be confused with other portal tokens), bound to the file id in the path, the user who opened
 * the editor and that user's session (the storage is used as them: Nextcloud needs their session).
 */
import "server-only";
import { hkdfSync } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import { z } from "zod";

export type LinkPurpose = "download" | "callback";

export const DOWNLOAD_LINK_TTL_SECONDS = 15 * 60;
export const CALLBACK_LINK_TTL_SECONDS = 7 * 24 * 3600;

export interface LinkClaims {
  userId: string;
  sessionId: string;
  fileId: string;
}

const ZClaims = z.object({ sub: z.uuid(), sid: z.string().min(1).max(128), fid: z.string().min(1).max(256) });

const keys = new Map<string, Uint8Array>();

function signingKey(authSecret: string): Uint8Array {
  let key = keys.get(authSecret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", authSecret, "portal-onlyoffice-links", "onlyoffice-link-signing", 32));
    keys.set(authSecret, key);
  }
  return key;
}

const audience = (purpose: LinkPurpose) => `portal-onlyoffice-${purpose}`;

export async function signLinkToken(
  purpose: LinkPurpose,
  claims: LinkClaims,
  authSecret: string,
  ttlSeconds = purpose === "download" ? DOWNLOAD_LINK_TTL_SECONDS : CALLBACK_LINK_TTL_SECONDS,
): Promise<string> {
  return new SignJWT({ sid: claims.sessionId, fid: claims.fileId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.userId)
    .setAudience(audience(purpose))
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(signingKey(authSecret));
}

/** The claims of a valid token for this purpose and file, or null. */
export async function verifyLinkToken(
  purpose: LinkPurpose,
  token: string,
  fileId: string,
  authSecret: string,
): Promise<LinkClaims | null> {
  try {
    const { payload } = await jwtVerify(token, signingKey(authSecret), {
      algorithms: ["HS256"],
      audience: audience(purpose),
    });
    const claims = ZClaims.parse(payload);
    if (claims.fid !== fileId) return null;
    return { userId: claims.sub, sessionId: claims.sid, fileId: claims.fid };
  } catch {
    return null;
  }
}

export const DOWNLOAD_ROUTE_PREFIX = "/api/office/onlyoffice/download/";
export const CALLBACK_ROUTE_PREFIX = "/api/office/onlyoffice/callback/";

export async function documentServerLink(
  purpose: LinkPurpose,
  claims: LinkClaims,
  settings: { portalUrlForDocumentServer: string; authSecret: string },
): Promise<string> {
  const prefix = purpose === "download" ? DOWNLOAD_ROUTE_PREFIX : CALLBACK_ROUTE_PREFIX;
  const token = await signLinkToken(purpose, claims, settings.authSecret);
  return `${settings.portalUrlForDocumentServer}${prefix}${encodeURIComponent(claims.fileId)}?t=${token}`;
}
