/**
 * The cookie that keeps a share link unlocked after its password was given once: short-lived,
 * HttpOnly, SameSite=Lax, one per link, its name and content bound to the link's token.
 *
 * The storage interface asks for the password on every `openShareLink` (Nextcloud's public DAV
 * takes it on every request), so the cookie carries the password itself, sealed (AES-GCM, key
 * derived from AUTH_SECRET: server/crypto/secret-box.ts) with the token's hash as the purpose: a
 * cookie cannot be read, altered, or replayed on another link, and it expires with its own
 * timestamp whatever the browser does. The public page /s/{token} may read it with
 * `readShareUnlockCookie` (Path=/).
 */
import "server-only";
import { createHash } from "node:crypto";
import { parseCookie, stringifySetCookie } from "cookie";
import { portalSecretBox } from "@/server/crypto/portal-secret-box";
import { portalUrl } from "@/server/env";

export const SHARE_UNLOCK_SECONDS = 60 * 60;

function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export function shareUnlockCookieName(token: string): string {
  return `portal-share-${tokenHash(token).slice(0, 16)}`;
}

function purpose(token: string): string {
  return `share-unlock:${tokenHash(token)}`;
}

/** The Set-Cookie value that unlocks `token` with `password` for SHARE_UNLOCK_SECONDS. */
export function shareUnlockSetCookie(token: string, password: string, now = Date.now()): string {
  const sealed = portalSecretBox().seal(
    JSON.stringify({ p: password, exp: now + SHARE_UNLOCK_SECONDS * 1000 }),
    purpose(token),
  );
  return stringifySetCookie({
    name: shareUnlockCookieName(token),
    value: sealed,
    httpOnly: true,
    sameSite: "lax",
    secure: portalUrl().startsWith("https://"),
    path: "/",
    maxAge: SHARE_UNLOCK_SECONDS,
  });
}

/** The password the visitor unlocked `token` with, or undefined (no cookie, tampered, expired). */
export function readShareUnlockCookie(
  token: string,
  cookieHeader: string | undefined,
  now = Date.now(),
): string | undefined {
  const value = parseCookie(cookieHeader ?? "")[shareUnlockCookieName(token)];
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(portalSecretBox().open(value, purpose(token))) as { p?: unknown; exp?: unknown };
    if (typeof parsed.p !== "string" || typeof parsed.exp !== "number" || parsed.exp <= now) return undefined;
    return parsed.p;
  } catch {
    return undefined;
  }
}
