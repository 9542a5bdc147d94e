/**
 * How mail, agenda and contacts reach the groupware server AS the signed-in user (never as a
 * shared administrator):
 *
 *   - `oauth`: the session's OIDC access token, refreshed first when about to expire (IMAP/SMTP
 *     OAUTHBEARER or XOAUTH2, when MAIL_AUTH says the server accepts it);
 *   - `password`: the user's own groupware login and password, given once in the portal and
 *     stored sealed (groupware_credentials). Without one, GROUPWARE_NOT_CONNECTED tells the UI to
 *     offer "connect your mail account".
 *
 * CalDAV/CardDAV servers rarely accept bearer tokens (Radicale does not; BlueMind does with its
 * own tokens), so DAV always uses the stored password.
 */
import "server-only";
import { cache } from "react";
import { eq } from "drizzle-orm";
import type { PortalUser } from "@/server/auth/portal-user";
import { readSessionTokens, refreshSessionTokens } from "@/server/auth/sessions";
import { portalSecretBox } from "@/server/crypto/portal-secret-box";
import { db } from "@/server/db/client";
import { groupwareCredentials, users } from "@/server/db/schema";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";

export type GroupwareLogin =
  | { kind: "password"; login: string; password: string }
  | { kind: "oauth"; login: string; accessToken: string; mechanism: "oauthbearer" | "xoauth2" };

export function groupwarePasswordPurpose(userId: string): string {
  return `groupware_password:${userId}`;
}

/**
 * The stored login and password, or null when the user has not connected their account. Read once
 * per server render (React `cache`): the dashboard's mail and agenda widgets both need it. Outside
 * a render (route handlers, the outer server) every call reads the database.
 */
export const readStoredLogin = cache(async function readStoredLogin(
  userId: string,
): Promise<{ login: string; password: string } | null> {
  const [row] = await (
    await db()
  )
    .select()
    .from(groupwareCredentials)
    .where(eq(groupwareCredentials.userId, userId))
    .limit(1);
  if (!row) return null;
  return { login: row.login, password: portalSecretBox().open(row.passwordEnc, groupwarePasswordPurpose(userId)) };
});

/** Stores (or replaces) the user's login and password, sealed. Check them against the server first. */
export async function saveStoredLogin(userId: string, login: string, password: string): Promise<void> {
  const passwordEnc = portalSecretBox().seal(password, groupwarePasswordPurpose(userId));
  await (
    await db()
  )
    .insert(groupwareCredentials)
    .values({ userId, login, passwordEnc })
    .onConflictDoUpdate({
      target: groupwareCredentials.userId,
      set: { login, passwordEnc, updatedAt: new Date() },
    });
}

export async function deleteStoredLogin(userId: string): Promise<void> {
  await (await db()).delete(groupwareCredentials).where(eq(groupwareCredentials.userId, userId));
}

/**
 * The login to use for `service`. Mail follows MAIL_AUTH; DAV always uses the stored password.
 * Throws GROUPWARE_NOT_CONNECTED when a password is needed and none is stored.
 */
export async function groupwareLogin(user: PortalUser, service: "mail" | "dav"): Promise<GroupwareLogin> {
  const mode = env().MAIL_AUTH;
  if (service === "mail" && mode !== "password") {
    const fresh = await refreshSessionTokens(user.sessionId);
    const tokens = fresh ? await readSessionTokens(user.sessionId) : null;
    if (!tokens?.accessToken) {
      throw new AppError("UNAUTHENTICATED", { userMessage: "your session has ended: sign in again" });
    }
    const [person] = await (
      await db()
    )
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, user.id))
      .limit(1);
    if (!person?.email) {
      throw new AppError("FORBIDDEN", { userMessage: "your account has no mail address" });
    }
    return { kind: "oauth", login: person.email, accessToken: tokens.accessToken, mechanism: mode };
  }
  const stored = await readStoredLogin(user.id);
  if (!stored) {
    throw new AppError("GROUPWARE_NOT_CONNECTED", { userMessage: "connect your mail account first" });
  }
  return { kind: "password", ...stored };
}
