/**
 * Server-side sessions: created at sign-in, checked on every request, revocable at any time.
 *
 * The browser's (encrypted) next-auth cookie carries only a random session secret; the database
 * stores its SHA-256, so reading the table does not give usable sessions. A session ends when it
 * is revoked (sign-out, "sign out everywhere", back-channel logout, failed token refresh), idle
 * longer than SESSION_IDLE_TIMEOUT, or older than SESSION_ABSOLUTE_TIMEOUT — shared workstations
 * make both timeouts matter.
 *
 * Provider tokens are kept encrypted. When the access token has expired the session refreshes it
 * (refresh tokens rotate), under a row lock so two parallel requests never spend the same
 * refresh token; a refused refresh ends the portal session too, so it never outlives the
 * provider's.
 */
import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { db as getDb } from "@/server/db/client";
import { sessions, users } from "@/server/db/schema";
import { env } from "@/server/env";
import { logger } from "@/server/log";
import { errorCode } from "@/server/errors";
import { portalSecretBox } from "@/server/crypto/portal-secret-box";
import { findProvider, providerMetadata } from "@/server/auth/providers";
import { refreshTokens } from "@/integrations/oidc/refresh-tokens";
import { OidcError } from "@/integrations/oidc/oidc-fetch";
import type { PortalUser } from "@/server/auth/portal-user";

/** Seconds between two writes of last_seen_at for one session (idle tracking, not per request). */
const TOUCH_INTERVAL_SECONDS = 60;
/** Refresh a little before expiry so a request never carries a token about to lapse. */
const REFRESH_SKEW_SECONDS = 30;

export function hashSessionSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export interface NewSessionInput {
  userId: string;
  provider: string;
  providerSubject: string;
  providerSid: string | null;
  authMethods: string[];
  acr: string | null;
  idToken: string | null;
  accessToken: string | null;
  refreshToken: string | null;
  accessTokenExpiresAt: Date | null;
  userAgent: string | null;
  ip: string | null;
}

/** Creates a session row and returns the secret for the cookie (never stored in clear). */
export async function createSession(input: NewSessionInput): Promise<{ secret: string; id: string }> {
  const secret = randomBytes(32).toString("base64url");
  const id = hashSessionSecret(secret);
  const box = portalSecretBox();
  const now = Date.now();
  await (await getDb()).insert(sessions).values({
    id,
    userId: input.userId,
    provider: input.provider,
    providerSubject: input.providerSubject,
    providerSid: input.providerSid,
    authMethods: input.authMethods,
    acr: input.acr,
    idTokenEnc: input.idToken ? box.seal(input.idToken, `id_token:${id}`) : null,
    accessTokenEnc: input.accessToken ? box.seal(input.accessToken, `access_token:${id}`) : null,
    refreshTokenEnc: input.refreshToken ? box.seal(input.refreshToken, `refresh_token:${id}`) : null,
    accessTokenExpiresAt: input.accessTokenExpiresAt,
    userAgent: input.userAgent?.slice(0, 512) ?? null,
    ip: input.ip,
    lastSeenAt: new Date(now),
    expiresAt: new Date(now + env().SESSION_ABSOLUTE_TIMEOUT * 1000),
  });
  return { secret, id };
}

type SessionRow = typeof sessions.$inferSelect;

function isExpired(row: Pick<SessionRow, "expiresAt" | "lastSeenAt">, now: number): boolean {
  return row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + env().SESSION_IDLE_TIMEOUT * 1000 <= now;
}

/**
 * Returns the signed-in user for a cookie's session secret, or null when the session is unknown,
 * revoked, idle too long, past its absolute lifetime, or its provider refused a refresh.
 */
export async function loadActiveSession(secret: string): Promise<PortalUser | null> {
  const id = hashSessionSecret(secret);
  const database = await getDb();
  const [found] = await database
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
    .limit(1);
  if (!found) return null;
  const now = Date.now();
  if (isExpired(found.session, now)) {
    await revokeSessionById(id, "expired");
    return null;
  }
  if (needsRefresh(found.session, now) && !(await refreshSessionTokens(id))) return null;
  if (now - found.session.lastSeenAt.getTime() > TOUCH_INTERVAL_SECONDS * 1000) {
    await database
      .update(sessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(sessions.id, id));
  }
  return {
    id: found.user.id,
    displayName: found.user.displayName,
    profession: found.user.profession,
    provider: found.session.provider,
    authMethods: found.session.authMethods,
    acr: found.session.acr,
    isAdmin: found.user.isAdmin,
    sessionId: id,
  };
}

function needsRefresh(row: SessionRow, now: number): boolean {
  return (
    row.refreshTokenEnc !== null &&
    row.accessTokenExpiresAt !== null &&
    row.accessTokenExpiresAt.getTime() - REFRESH_SKEW_SECONDS * 1000 <= now
  );
}

/**
 * Refreshes the provider tokens of a session. The row is locked for the exchange so concurrent
 * requests wait and then see the fresh tokens instead of spending the rotated refresh token.
 * Returns false (and revokes the session) when the provider refuses.
 */
export async function refreshSessionTokens(id: string): Promise<boolean> {
  const database = await getDb();
  const box = portalSecretBox();
  try {
    return await database.transaction(async (tx) => {
      const [row] = await tx.select().from(sessions).where(eq(sessions.id, id)).for("update");
      if (!row || row.revokedAt) return false;
      if (!needsRefresh(row, Date.now())) return true;
      const provider = findProvider(row.provider);
      if (!provider || !row.refreshTokenEnc) return false;
      const tokens = await refreshTokens(
        await providerMetadata(provider),
        provider,
        box.open(row.refreshTokenEnc, `refresh_token:${id}`),
      );
      await tx
        .update(sessions)
        .set({
          accessTokenEnc: box.seal(tokens.access_token, `access_token:${id}`),
          // Keep the old refresh token when the provider does not rotate.
          refreshTokenEnc: tokens.refresh_token
            ? box.seal(tokens.refresh_token, `refresh_token:${id}`)
            : row.refreshTokenEnc,
          idTokenEnc: tokens.id_token ? box.seal(tokens.id_token, `id_token:${id}`) : row.idTokenEnc,
          accessTokenExpiresAt: tokens.expires_in ? new Date(Date.now() + tokens.expires_in * 1000) : null,
        })
        .where(eq(sessions.id, id));
      return true;
    });
  } catch (error) {
    const refused = error instanceof OidcError && error.oauthError === "invalid_grant";
    logger.warn(
      { kind: errorCode(error), status: error instanceof OidcError ? error.status : undefined },
      "token refresh failed",
    );
    // A refused grant means the provider session is over; a network failure is not the user's fault
    // but the token is unusable either way, and a hospital session must not outlive the provider's.
    await revokeSessionById(id, refused ? "refresh_refused" : "refresh_failed");
    return false;
  }
}

/** The decrypted tokens of a session, for RP-initiated logout and calls to backends as the user. */
export async function readSessionTokens(
  id: string,
): Promise<{ provider: string; idToken: string | null; accessToken: string | null } | null> {
  const [row] = await (await getDb()).select().from(sessions).where(eq(sessions.id, id)).limit(1);
  if (!row) return null;
  const box = portalSecretBox();
  return {
    provider: row.provider,
    idToken: row.idTokenEnc ? box.open(row.idTokenEnc, `id_token:${id}`) : null,
    accessToken: row.accessTokenEnc ? box.open(row.accessTokenEnc, `access_token:${id}`) : null,
  };
}

/** The columns a revocation sets: when, why, and the provider tokens dropped for good. */
function revocation(reason: string) {
  return { revokedAt: new Date(), revokedReason: reason, accessTokenEnc: null, refreshTokenEnc: null };
}

export async function revokeSessionById(id: string, reason: string): Promise<number> {
  const revoked = await (
    await getDb()
  )
    .update(sessions)
    .set(revocation(reason))
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return revoked.length;
}

/** Ends every live session of a user (sign out everywhere). */
export async function revokeUserSessions(userId: string, reason: string): Promise<number> {
  const revoked = await (
    await getDb()
  )
    .update(sessions)
    .set(revocation(reason))
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return revoked.length;
}

/** Back-channel logout: the provider names its session (`sid`) or its subject (`sub`). */
export async function revokeProviderSessions(
  provider: string,
  match: { sid?: string | undefined; sub?: string | undefined },
): Promise<Array<{ id: string; userId: string }>> {
  const conditions = [eq(sessions.provider, provider), isNull(sessions.revokedAt)];
  if (match.sid) conditions.push(eq(sessions.providerSid, match.sid));
  if (match.sub) conditions.push(eq(sessions.providerSubject, match.sub));
  return (await getDb())
    .update(sessions)
    .set(revocation("backchannel_logout"))
    .where(and(...conditions))
    .returning({ id: sessions.id, userId: sessions.userId });
}

export interface SessionSummary {
  id: string;
  provider: string;
  authMethods: string[];
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
}

/** A user's live sessions, newest first, without any token column. */
export async function listUserSessions(userId: string, currentSessionId: string): Promise<SessionSummary[]> {
  const rows = await (
    await getDb()
  )
    .select({
      id: sessions.id,
      provider: sessions.provider,
      authMethods: sessions.authMethods,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(sql`${sessions.lastSeenAt} desc`);
  return rows.map((row) => ({ ...row, current: row.id === currentSessionId }));
}
