// Integration: NEXTCLOUD_AUTH=oidc — the adapter calls Nextcloud with the session's OIDC access
// token, refreshed through the provider when it is about to expire (a local issuer stands in for
// Keycloak), and a token Nextcloud refuses is reported as a backend refusal, not as "connect your
// account" (there is nothing to connect in this mode). Real Apache behind the Nextcloud double.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { startLocalIssuer, type LocalIssuer } from "@/test/support/local-issuer";
import { createSession } from "@/server/auth/sessions";
import type { PortalUser } from "@/server/auth/portal-user";
import { AppError } from "@/server/errors";
import type { FileStorage, UserPath } from "@/server/files/storage";
import { createNextcloudStorage } from "@/integrations/nextcloud/nextcloud-storage";
import {
  createPortalUser,
  startNextcloudTestStack,
  type NextcloudTestStack,
} from "@/test/doubles/nextcloud/nextcloud-test-stack";

let stack: NextcloudTestStack;
let idp: LocalIssuer;
let storage: FileStorage;
let user: PortalUser;
let refreshes = 0;

beforeAll(async () => {
  stack = await startNextcloudTestStack(["alice"]);
  idp = await startLocalIssuer({
    token(form) {
      if (form.get("grant_type") !== "refresh_token" || form.get("refresh_token") !== `rt-${refreshes}`) {
        return { status: 400, body: { error: "invalid_grant" } };
      }
      refreshes += 1;
      const accessToken = `fresh-at-${refreshes}`;
      // What user_oidc would accept: the token the provider just issued.
      stack.double.addBearerToken(accessToken, "alice");
      return {
        status: 200,
        body: { access_token: accessToken, token_type: "Bearer", expires_in: 300, refresh_token: `rt-${refreshes}` },
      };
    },
  });
  setTestEnv({ IDCAIH_ISSUER: idp.issuer, IDCAIH_CLIENT_ID: "portal", IDCAIH_CLIENT_SECRET: "portal-secret" });
  const database = (await useTestDatabase()).db;
  const portalUser = await createPortalUser(database, "Alice Martin");
  const session = await createSession({
    userId: portalUser.id,
    provider: "idcaih",
    providerSubject: "alice-sub",
    providerSid: null,
    authMethods: ["pwd"],
    acr: null,
    idToken: null,
    // Expired: the first call must refresh it.
    accessToken: "stale-at",
    refreshToken: "rt-0",
    accessTokenExpiresAt: new Date(Date.now() - 60_000),
    userAgent: null,
    ip: null,
  });
  user = { ...portalUser, sessionId: session.id };
  storage = createNextcloudStorage({
    url: stack.double.url,
    auth: "oidc",
    timeoutMs: 10_000,
    chunkBytes: 5 * 1024 * 1024,
    portalOrigin: "https://portail.test",
  });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  await idp?.close();
});

describe("NEXTCLOUD_AUTH=oidc", () => {
  it("refreshes an expiring access token, then calls Nextcloud with the fresh one as Bearer", async () => {
    const before = stack.double.requests.length;
    expect(await storage.list({ user }, "/" as UserPath)).toEqual([]);
    expect(refreshes).toBe(1);
    const seen = stack.double.requests.slice(before);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((request) => request.headers.authorization === "Bearer fresh-at-1")).toBe(true);
    // Still fresh: no second refresh.
    await storage.list({ user }, "/" as UserPath);
    expect(refreshes).toBe(1);
  });

  it("reports a token Nextcloud refuses as a backend refusal, not as an account to connect", async () => {
    stack.double.revokeBearerToken("fresh-at-1");
    const error = await storage.list({ user }, "/" as UserPath).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BACKEND_UNAVAILABLE");
    expect((error as AppError).userMessage).toMatch(/did not accept your sign-in/);
  });
});
