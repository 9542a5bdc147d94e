/**
 * How a call reaches Nextcloud AS the signed-in user (never as a shared administrator):
 *
 *   - NEXTCLOUD_AUTH=oidc: the session's OIDC access token as `Authorization: Bearer` (Nextcloud's
 *     user_oidc app validates it); refreshed first when it is about to expire
 *     (server/auth/sessions.ts, under the session row's lock);
 *   - NEXTCLOUD_AUTH=app-password: the user's app password from Login Flow v2, stored sealed in
 *     nextcloud_credentials, as HTTP Basic. Without one, NEXTCLOUD_NOT_CONNECTED tells the UI to
 *     offer "connect your Nextcloud account".
 *
 * The user's Nextcloud user id (the `{uid}` of every DAV path, which with user_oidc may be a hash
 * rather than the login name) comes from `GET /ocs/v2.php/cloud/user`. It is cached per portal
 * user in this process for a few minutes: a cache only (any process can recompute it), so
 * processes stay stateless.
 */
import "server-only";
import { eq } from "drizzle-orm";
import type { PortalUser } from "@/server/auth/portal-user";
import { readSessionTokens, refreshSessionTokens } from "@/server/auth/sessions";
import { portalSecretBox } from "@/server/crypto/portal-secret-box";
import { db } from "@/server/db/client";
import { nextcloudCredentials } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import type { NextcloudClient } from "@/integrations/nextcloud/http/nextcloud-client";

export type NextcloudAuthMode = "oidc" | "app-password";

export interface NextcloudCaller {
  authorization: string;
  /** Nextcloud user id (DAV paths). */
  uid: string;
}

const UID_TTL_MS = 5 * 60 * 1000;
const UID_CACHE_MAX = 10_000;
const uidCache = new Map<string, { uid: string; authorization: string; expires: number }>();

export function appPasswordPurpose(userId: string): string {
  return `nextcloud_app_password:${userId}`;
}

export function basicAuthorization(login: string, password: string): string {
  return `Basic ${Buffer.from(`${login}:${password}`, "utf8").toString("base64")}`;
}

async function authorizationFor(user: PortalUser, mode: NextcloudAuthMode): Promise<string> {
  if (mode === "oidc") {
    const fresh = await refreshSessionTokens(user.sessionId);
    const tokens = fresh ? await readSessionTokens(user.sessionId) : null;
    if (!tokens?.accessToken) {
      throw new AppError("UNAUTHENTICATED", { userMessage: "your session has ended: sign in again" });
    }
    return `Bearer ${tokens.accessToken}`;
  }
  const [row] = await (
    await db()
  )
    .select()
    .from(nextcloudCredentials)
    .where(eq(nextcloudCredentials.userId, user.id))
    .limit(1);
  if (!row) {
    throw new AppError("NEXTCLOUD_NOT_CONNECTED", { userMessage: "connect your Nextcloud account first" });
  }
  const password = portalSecretBox().open(row.appPasswordEnc, appPasswordPurpose(user.id));
  return basicAuthorization(row.loginName, password);
}

/** The Authorization header and Nextcloud uid to call Nextcloud as this user. */
export async function resolveCaller(
  client: NextcloudClient,
  user: PortalUser,
  mode: NextcloudAuthMode,
  signal?: AbortSignal,
): Promise<NextcloudCaller> {
  const authorization = await authorizationFor(user, mode);
  const cached = uidCache.get(user.id);
  // The uid is reused only with the same credential: a new token or app password re-asks.
  if (cached && cached.expires > Date.now() && cached.authorization === authorization) {
    return { authorization, uid: cached.uid };
  }
  const uid = await client.currentUserId(authorization, signal);
  if (uidCache.size >= UID_CACHE_MAX) uidCache.clear();
  uidCache.set(user.id, { uid, authorization, expires: Date.now() + UID_TTL_MS });
  return { authorization, uid };
}

/** Forgets the cached uid (after disconnecting, or a 401). */
export function forgetCaller(userId: string): void {
  uidCache.delete(userId);
}
