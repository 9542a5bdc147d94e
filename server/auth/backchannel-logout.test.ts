import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { startLocalIssuer, type LocalIssuer } from "@/test/support/local-issuer";
import { handleBackchannelLogout } from "@/server/auth/backchannel-logout";
import { resolveIdentity } from "@/server/auth/identity-linking";
import { createSession, loadActiveSession } from "@/server/auth/sessions";
import { BACKCHANNEL_LOGOUT_EVENT } from "@/integrations/oidc/verify-logout-token";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain";
import type { Database } from "@/server/db/client";

let idp: LocalIssuer;
let database: Database;
let userId: string;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  idp = await startLocalIssuer();
  setTestEnv({ IDCAIH_ISSUER: idp.issuer, IDCAIH_CLIENT_ID: "portal", IDCAIH_CLIENT_SECRET: "portal-secret" });
  database = (await useTestDatabase()).db;
  const resolution = await resolveIdentity(
    database,
    {
      provider: "idcaih",
      subject: "bcl-user",
      displayName: "Chloé",
      email: null,
      emailVerified: false,
      rpps: null,
      profession: null,
      isAdmin: false,
      providerSid: null,
      authMethods: ["pwd"],
      acr: null,
    },
    null,
  );
  if (resolution.kind !== "user") throw new Error("unexpected");
  userId = resolution.userId;
});
afterAll(() => idp.close());

async function session(sid: string) {
  return createSession({
    userId,
    provider: "idcaih",
    providerSubject: "bcl-user",
    providerSid: sid,
    authMethods: ["pwd"],
    acr: null,
    idToken: null,
    accessToken: null,
    refreshToken: null,
    accessTokenExpiresAt: null,
    userAgent: null,
    ip: null,
  });
}

function logoutClaims(overrides: Record<string, unknown> = {}) {
  return {
    iss: idp.issuer,
    aud: "portal",
    iat: now(),
    jti: randomUUID(),
    sid: "op-sid-1",
    events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
    ...overrides,
  };
}

function post(body: string, contentType = "application/x-www-form-urlencoded"): Promise<Response> {
  return handleBackchannelLogout(
    new Request("http://portal.test/api/auth/backchannel-logout", {
      method: "POST",
      headers: { "content-type": contentType },
      body,
    }),
  );
}

const form = (token: string) => new URLSearchParams({ logout_token: token }).toString();

describe("POST /api/auth/backchannel-logout", () => {
  it("revokes the sessions of the provider session named by sid", async () => {
    const target = await session("op-sid-1");
    const other = await session("op-sid-2");
    const response = await post(form(await idp.sign(logoutClaims())));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await loadActiveSession(target.secret)).toBeNull();
    expect(await loadActiveSession(other.secret)).not.toBeNull();
    expect(await verifyAuditChain(database)).toMatchObject({ ok: true });
  });

  it("refuses a token with a bad signature and revokes nothing", async () => {
    const target = await session("op-sid-3");
    const response = await post(form(await idp.sign(logoutClaims({ sid: "op-sid-3" }), { key: idp.otherKey })));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "invalid_request" });
    expect(await loadActiveSession(target.secret)).not.toBeNull();
  });

  it.each([
    ["a nonce (an ID token replayed as a logout token)", { nonce: "n" }],
    ["no logout event", { events: {} }],
    ["neither sub nor sid", { sid: undefined }],
    ["another audience", { aud: "other-client" }],
    ["a stale iat", { iat: now() - 3600 }],
  ])("refuses a token with %s", async (_label, overrides) => {
    const target = await session("op-sid-4");
    const response = await post(form(await idp.sign(logoutClaims({ sid: "op-sid-4", ...overrides }))));
    expect(response.status).toBe(400);
    expect(await loadActiveSession(target.secret)).not.toBeNull();
  });

  it("refuses unknown issuers, non-JWTs, missing tokens and wrong content types with 400", async () => {
    const foreign = await idp.sign(logoutClaims({ iss: "https://elsewhere.example" }));
    for (const response of [
      await post(form(foreign)),
      await post(form("not-a-jwt")),
      await post(""),
      await post(JSON.stringify({ logout_token: "x" }), "application/json"),
    ]) {
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: string; error_description: string };
      expect(body.error).toBe("invalid_request");
      expect(body.error_description).not.toMatch(/at |Error:/);
    }
  });
});
