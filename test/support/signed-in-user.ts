// A portal user with a real session row and the session cookie a browser would hold after signing
// in (next-auth's encrypted cookie carrying the session secret, exactly what server/auth/next-auth.ts
// sets), for integration tests of routes that read the session from a raw request
// (server/auth/request-user.ts). Needs a test database (useTestDatabase) and the test env.
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { createSession } from "@/server/auth/sessions";
import { sessionCookieName } from "@/server/auth/session-cookie";
import { loadActiveSession } from "@/server/auth/sessions";
import type { PortalUser } from "@/server/auth/portal-user";
import { env } from "@/server/env";
import { createTestPerson } from "@/test/support/test-person";

export interface SignedInUser {
  user: PortalUser;
  /** `Cookie` header value for requests as this user. */
  cookie: string;
}

/** A live portal session for the user, as an ID CAIH sign-in with a password creates it. */
export function createTestSession(userId: string, subject: string): Promise<{ id: string; secret: string }> {
  return createSession({
    userId,
    provider: "idcaih",
    providerSubject: subject,
    providerSid: null,
    authMethods: ["pwd"],
    acr: null,
    idToken: null,
    accessToken: null,
    refreshToken: null,
    accessTokenExpiresAt: null,
    userAgent: "vitest",
    ip: null,
  });
}

export async function signInTestUser(displayName = "Alice Martin"): Promise<SignedInUser> {
  const subject = `test-${randomBytes(6).toString("hex")}`;
  const userId = await createTestPerson({ subject, displayName });
  const { secret } = await createTestSession(userId, subject);
  const name = sessionCookieName();
  const value = await encode({ token: { sst: secret }, secret: env().AUTH_SECRET, salt: name });
  const user = await loadActiveSession(secret);
  if (!user) throw new Error("test session could not be loaded");
  return { user, cookie: `${name}=${value}` };
}
