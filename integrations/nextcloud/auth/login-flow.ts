/**
 * Nextcloud Login Flow v2, run by the portal's server for a signed-in user
 * (docs.nextcloud.com … client_apis/LoginFlow/index.html#login-flow-v2):
 *
 *   1. `POST /index.php/login/v2` → `{ poll: { token, endpoint }, login }`;
 *   2. the person opens `login` in their browser, signs in to Nextcloud and grants access;
 *   3. the portal polls `POST {endpoint}` with `token=…`: 404 until granted, then once
 *      `{ server, loginName, appPassword }`.
 *
 * The poll token is kept sealed in nextcloud_login_flows (any portal process answers the next
 * poll); the app password is sealed into nextcloud_credentials, checked first against
 * `/ocs/v2.php/cloud/user`. Only NEXTCLOUD_URL's origin is ever contacted or handed to the
 * browser: a `login` or `endpoint` pointing elsewhere is refused. Disconnecting revokes the app
 * password at Nextcloud (`DELETE /ocs/v2.php/core/apppassword`) and forgets it.
 */
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { portalSecretBox } from "@/server/crypto/portal-secret-box";
import { db } from "@/server/db/client";
import { nextcloudCredentials, nextcloudLoginFlows } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import { appPasswordPurpose, basicAuthorization, forgetCaller } from "@/integrations/nextcloud/auth/user-credentials";
import type { NextcloudClient } from "@/integrations/nextcloud/http/nextcloud-client";
import { discard, readText } from "@/integrations/nextcloud/http/nextcloud-request";
import { nextcloudStatusError } from "@/integrations/nextcloud/http/status-errors";

/** Nextcloud forgets a login flow after 20 minutes. */
const FLOW_LIFETIME_MS = 20 * 60 * 1000;

const ZStart = z.object({
  poll: z.object({ token: z.string().min(16).max(512), endpoint: z.string().url() }),
  login: z.string().url(),
});

const ZGranted = z.object({
  loginName: z.string().min(1).max(255),
  appPassword: z.string().min(16).max(512),
});

function pollTokenPurpose(userId: string): string {
  return `nextcloud_poll_token:${userId}`;
}

/** A URL Nextcloud handed back is used only if it is on NEXTCLOUD_URL's origin and below its path. */
function sameServer(client: NextcloudClient, value: string): URL {
  const url = new URL(value);
  const base = client.urls.base;
  if (url.origin !== base.origin || !url.pathname.startsWith(`${client.urls.basePath}/`)) {
    throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "Nextcloud answered with an unexpected address" });
  }
  return url;
}

async function parseJson<T>(schema: z.ZodType<T>, text: string): Promise<T> {
  try {
    return schema.parse(JSON.parse(text));
  } catch (error) {
    throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "Nextcloud's answer could not be read", cause: error });
  }
}

/** Starts a flow for the user; returns the Nextcloud page the person must open. */
export async function startLoginFlow(
  client: NextcloudClient,
  userId: string,
  signal?: AbortSignal,
): Promise<{ loginUrl: string; expiresAt: string }> {
  const response = await client.send("POST", client.urls.at("/index.php/login/v2"), {
    // Nextcloud shows the user agent as the application's name on its grant page.
    headers: { "user-agent": "Portail hospitalier", accept: "application/json" },
    signal,
  });
  if (response.status !== 200) {
    discard(response.body);
    throw nextcloudStatusError(response.status, "user");
  }
  const answer = await parseJson(ZStart, await readText(response.body, 64 * 1024));
  const loginUrl = sameServer(client, answer.login).href;
  const pollEndpoint = sameServer(client, answer.poll.endpoint).href;
  const expiresAt = new Date(Date.now() + FLOW_LIFETIME_MS);
  const row = {
    userId,
    pollTokenEnc: portalSecretBox().seal(answer.poll.token, pollTokenPurpose(userId)),
    pollEndpoint,
    loginUrl,
    expiresAt,
  };
  await (
    await db()
  )
    .insert(nextcloudLoginFlows)
    .values(row)
    .onConflictDoUpdate({ target: nextcloudLoginFlows.userId, set: row });
  return { loginUrl, expiresAt: expiresAt.toISOString() };
}

export type PollResult =
  /** `stored`: this very poll received and stored the app password (the moment to audit). */
  | { connected: true; status: "connected"; stored: boolean }
  | { connected: false; status: "pending" | "none"; stored: false };

export async function isConnected(userId: string): Promise<boolean> {
  const [row] = await (
    await db()
  )
    .select({ userId: nextcloudCredentials.userId })
    .from(nextcloudCredentials)
    .where(eq(nextcloudCredentials.userId, userId))
    .limit(1);
  return row !== undefined;
}

/** Polls the user's pending flow once; stores the app password when granted. */
export async function pollLoginFlow(
  client: NextcloudClient,
  userId: string,
  signal?: AbortSignal,
): Promise<PollResult> {
  const database = await db();
  const [flow] = await database
    .select()
    .from(nextcloudLoginFlows)
    .where(eq(nextcloudLoginFlows.userId, userId))
    .limit(1);
  if (!flow || flow.expiresAt.getTime() <= Date.now()) {
    if (flow) await database.delete(nextcloudLoginFlows).where(eq(nextcloudLoginFlows.userId, userId));
    return (await isConnected(userId))
      ? { connected: true, status: "connected", stored: false }
      : { connected: false, status: "none", stored: false };
  }
  const token = portalSecretBox().open(flow.pollTokenEnc, pollTokenPurpose(userId));
  const response = await client.send("POST", sameServer(client, flow.pollEndpoint), {
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({ token }).toString(),
    signal,
  });
  if (response.status === 404) {
    discard(response.body);
    return { connected: false, status: "pending", stored: false };
  }
  if (response.status !== 200) {
    discard(response.body);
    throw nextcloudStatusError(response.status, "user");
  }
  const granted = await parseJson(ZGranted, await readText(response.body, 64 * 1024));
  // The credential must work before it is kept.
  await client.currentUserId(basicAuthorization(granted.loginName, granted.appPassword), signal);
  const sealed = portalSecretBox().seal(granted.appPassword, appPasswordPurpose(userId));
  await database.transaction(async (tx) => {
    await tx
      .insert(nextcloudCredentials)
      .values({ userId, loginName: granted.loginName, appPasswordEnc: sealed })
      .onConflictDoUpdate({
        target: nextcloudCredentials.userId,
        set: { loginName: granted.loginName, appPasswordEnc: sealed, createdAt: new Date() },
      });
    await tx.delete(nextcloudLoginFlows).where(eq(nextcloudLoginFlows.userId, userId));
  });
  forgetCaller(userId);
  return { connected: true, status: "connected", stored: true };
}

/** Revokes the user's app password at Nextcloud (best effort) and forgets it. True if there was one. */
export async function disconnectNextcloud(
  client: NextcloudClient,
  userId: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const database = await db();
  const [row] = await database
    .select()
    .from(nextcloudCredentials)
    .where(eq(nextcloudCredentials.userId, userId))
    .limit(1);
  await database.delete(nextcloudLoginFlows).where(eq(nextcloudLoginFlows.userId, userId));
  forgetCaller(userId);
  if (!row) return false;
  try {
    const password = portalSecretBox().open(row.appPasswordEnc, appPasswordPurpose(userId));
    await client.ocs("DELETE", client.urls.ocs("/core/apppassword"), "user", {
      authorization: basicAuthorization(row.loginName, password),
      signal,
    });
  } catch {
    // Already revoked in Nextcloud, or Nextcloud is down: the portal forgets it either way.
  }
  await database.delete(nextcloudCredentials).where(eq(nextcloudCredentials.userId, userId));
  return true;
}
