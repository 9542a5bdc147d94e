import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { startLocalIssuer, type LocalIssuer } from "@/test/support/local-issuer";
import { resolveIdentity } from "@/server/auth/identity-linking";
import {
  createSession,
  hashSessionSecret,
  listUserSessions,
  loadActiveSession,
  readSessionTokens,
  revokeProviderSessions,
  revokeUserSessions,
  type NewSessionInput,
} from "@/server/auth/sessions";
import { sessions } from "@/server/db/schema";
import type { Database } from "@/server/db/client";

let database: Database;
let idp: LocalIssuer;
let userId: string;
/** The refresh tokens the stand-in accepts; each use rotates it. */
const liveRefreshTokens = new Set(["rt-0"]);
let refreshCalls = 0;

beforeAll(async () => {
  idp = await startLocalIssuer({
    token(form) {
      refreshCalls += 1;
      const presented = form.get("refresh_token") ?? "";
      if (form.get("grant_type") !== "refresh_token" || !liveRefreshTokens.delete(presented)) {
        return { status: 400, body: { error: "invalid_grant" } };
      }
      const next = `rt-${refreshCalls}`;
      liveRefreshTokens.add(next);
      return {
        status: 200,
        body: { access_token: `at-${refreshCalls}`, token_type: "Bearer", expires_in: 300, refresh_token: next },
      };
    },
  });
  setTestEnv({
    IDCAIH_ISSUER: idp.issuer,
    IDCAIH_CLIENT_ID: "portal",
    IDCAIH_CLIENT_SECRET: "portal-secret",
    SESSION_IDLE_TIMEOUT: "600",
    SESSION_ABSOLUTE_TIMEOUT: "3600",
  });
  database = (await useTestDatabase()).db;
  const resolution = await resolveIdentity(
    database,
    {
      provider: "idcaih",
      subject: "sess-user",
      displayName: "Bruno Durand",
      email: "bruno@hopital.test",
      emailVerified: true,
      rpps: null,
      profession: "infirmier",
      isAdmin: false,
      providerSid: "sid-9",
      authMethods: ["pwd"],
      acr: null,
    },
    null,
  );
  if (resolution.kind !== "user") throw new Error("unexpected");
  userId = resolution.userId;
});
afterAll(async () => {
  vi.useRealTimers();
  await idp.close();
});

function input(overrides: Partial<NewSessionInput> = {}): NewSessionInput {
  return {
    userId,
    provider: "idcaih",
    providerSubject: "sess-user",
    providerSid: "sid-9",
    authMethods: ["pwd"],
    acr: null,
    idToken: "id-token",
    accessToken: "at-initial",
    refreshToken: null,
    accessTokenExpiresAt: new Date(Date.now() + 300_000),
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0",
    ip: "127.0.0.1",
    ...overrides,
  };
}

describe("server-side sessions", () => {
  it("stores only a hash of the secret and encrypted tokens", async () => {
    const { secret, id } = await createSession(input());
    expect(id).toBe(hashSessionSecret(secret));
    const [row] = await database.select().from(sessions).where(eq(sessions.id, id));
    expect(row?.accessTokenEnc).not.toContain("at-initial");
    expect(row?.idTokenEnc).not.toContain("id-token");
    expect(await readSessionTokens(id)).toMatchObject({ accessToken: "at-initial", idToken: "id-token" });
    expect(await loadActiveSession(secret)).toMatchObject({ id: userId, displayName: "Bruno Durand", sessionId: id });
    expect(await loadActiveSession("not-a-session")).toBeNull();
  });

  it("ends a session idle longer than the idle timeout", async () => {
    const { secret, id } = await createSession(input());
    await database
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 601_000) })
      .where(eq(sessions.id, id));
    expect(await loadActiveSession(secret)).toBeNull();
    const [row] = await database.select().from(sessions).where(eq(sessions.id, id));
    expect(row?.revokedReason).toBe("expired");
  });

  it("ends a session past its absolute lifetime even when active", async () => {
    const { secret, id } = await createSession(input());
    await database
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000), lastSeenAt: new Date() })
      .where(eq(sessions.id, id));
    expect(await loadActiveSession(secret)).toBeNull();
  });

  it("refreshes an expired access token once, rotating the refresh token, under concurrency", async () => {
    const { secret, id } = await createSession(
      input({ refreshToken: "rt-0", accessTokenExpiresAt: new Date(Date.now() - 1000) }),
    );
    const results = await Promise.all([
      loadActiveSession(secret),
      loadActiveSession(secret),
      loadActiveSession(secret),
    ]);
    expect(results.every((user) => user?.id === userId)).toBe(true);
    expect(refreshCalls).toBe(1);
    expect(await readSessionTokens(id)).toMatchObject({ accessToken: "at-1" });
  });

  it("ends the session when the provider refuses the refresh", async () => {
    const { secret, id } = await createSession(
      input({ refreshToken: "already-spent", accessTokenExpiresAt: new Date(Date.now() - 1000) }),
    );
    expect(await loadActiveSession(secret)).toBeNull();
    const [row] = await database.select().from(sessions).where(eq(sessions.id, id));
    expect(row?.revokedReason).toBe("refresh_refused");
    expect(row?.refreshTokenEnc).toBeNull();
  });

  it("revokes by provider session id (back-channel logout) and everywhere", async () => {
    const a = await createSession(input({ providerSid: "sid-A" }));
    const b = await createSession(input({ providerSid: "sid-B" }));
    const revoked = await revokeProviderSessions("idcaih", { sid: "sid-A" });
    expect(revoked.map((row) => row.id)).toEqual([a.id]);
    expect(await loadActiveSession(a.secret)).toBeNull();
    expect(await loadActiveSession(b.secret)).not.toBeNull();
    const listed = await listUserSessions(userId, b.id);
    expect(listed.find((session) => session.current)?.id).toBe(b.id);
    expect(listed).not.toHaveProperty("0.accessTokenEnc");
    expect(await revokeUserSessions(userId, "sign_out_everywhere")).toBeGreaterThan(0);
    expect(await loadActiveSession(b.secret)).toBeNull();
    expect(await listUserSessions(userId, b.id)).toHaveLength(0);
  });
});
