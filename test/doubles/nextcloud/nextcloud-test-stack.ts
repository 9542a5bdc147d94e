/**
 * What the Nextcloud adapter's integration tests share: a real Apache WebDAV server, the Nextcloud
 * contract double in front of it, portal users in the test database, and a way to connect a
 * portal user to a Nextcloud account (an app password stored sealed, as Login Flow v2 leaves it;
 * or an OIDC session whose access token the double accepts as user_oidc would).
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { PortalUser } from "@/server/auth/portal-user";
import { createSession } from "@/server/auth/sessions";
import { portalSecretBox } from "@/server/crypto/portal-secret-box";
import type { Database } from "@/server/db/client";
import { nextcloudCredentials, users } from "@/server/db/schema";
import { appPasswordPurpose } from "@/integrations/nextcloud/auth/user-credentials";
import { startNextcloudDouble, type NextcloudDouble } from "@/test/doubles/nextcloud/nextcloud-double";
import { startApacheWebdav, type RunningApacheWebdav } from "@/test/services/apache-webdav";

export interface NextcloudTestStack {
  apache: RunningApacheWebdav;
  double: NextcloudDouble;
  stop(): Promise<void>;
}

/** Apache with the given Nextcloud accounts (random passwords) and the double in front. */
export async function startNextcloudTestStack(accounts: string[]): Promise<NextcloudTestStack> {
  const apache = await startApacheWebdav(accounts.map((name) => ({ name, password: randomBytes(12).toString("hex") })));
  try {
    const double = await startNextcloudDouble(apache);
    return {
      apache,
      double,
      async stop() {
        await double.stop();
        await apache.stop();
      },
    };
  } catch (error) {
    await apache.stop();
    throw error;
  }
}

/** A portal user row and the PortalUser a request would carry (session id filled by the caller). */
export async function createPortalUser(database: Database, displayName: string): Promise<PortalUser> {
  const id = randomUUID();
  await database.insert(users).values({ id, displayName });
  return {
    id,
    displayName,
    profession: null,
    provider: "idcaih",
    authMethods: ["pwd"],
    acr: null,
    isAdmin: false,
    sessionId: "no-session",
  };
}

/** Stores an app password for the user, sealed, as a completed Login Flow v2 does. */
export async function connectWithAppPassword(
  database: Database,
  double: NextcloudDouble,
  user: PortalUser,
  nextcloudLogin: string,
): Promise<void> {
  const appPassword = double.addAppPassword(nextcloudLogin);
  await database
    .insert(nextcloudCredentials)
    .values({
      userId: user.id,
      loginName: nextcloudLogin,
      appPasswordEnc: portalSecretBox().seal(appPassword, appPasswordPurpose(user.id)),
    })
    .onConflictDoUpdate({
      target: nextcloudCredentials.userId,
      set: { appPasswordEnc: portalSecretBox().seal(appPassword, appPasswordPurpose(user.id)) },
    });
}

/** Gives the user a session whose OIDC access token the double accepts for `nextcloudLogin`. */
export async function connectWithOidcSession(
  double: NextcloudDouble,
  user: PortalUser,
  nextcloudLogin: string,
): Promise<PortalUser> {
  const accessToken = `at-${randomBytes(16).toString("hex")}`;
  double.addBearerToken(accessToken, nextcloudLogin);
  const session = await createSession({
    userId: user.id,
    provider: "idcaih",
    providerSubject: `sub-${user.id}`,
    providerSid: null,
    authMethods: ["pwd"],
    acr: null,
    idToken: null,
    accessToken,
    refreshToken: null,
    accessTokenExpiresAt: new Date(Date.now() + 3600_000),
    userAgent: null,
    ip: null,
  });
  return { ...user, sessionId: session.id };
}
