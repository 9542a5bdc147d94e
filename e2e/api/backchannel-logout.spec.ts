/**
 * POST /api/auth/backchannel-logout (OpenID Connect Back-Channel Logout): a logout token that the
 * provider did not sign is refused with 400 and ends no session. The forged tokens name alice's
 * real subject at ID CAIH, so a portal that skipped the signature check would sign her out.
 */
import { randomUUID } from "node:crypto";
import { SignJWT, UnsecuredJWT, generateKeyPair, type JWTPayload } from "jose";
import { expect, opensDashboard, test } from "../fixtures/api";
import { ISSUERS } from "../support/stack";

const BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout";

function logoutClaims(): JWTPayload {
  return {
    iss: ISSUERS.idcaih,
    aud: "portal",
    sub: "demo-alice",
    jti: randomUUID(),
    events: { [BACKCHANNEL_EVENT]: {} },
  };
}

async function signedWithForeignKey(): Promise<string> {
  const { privateKey } = await generateKeyPair("RS256");
  return new SignJWT(logoutClaims())
    .setProtectedHeader({ alg: "RS256", kid: "not-the-provider-key", typ: "logout+jwt" })
    .setIssuedAt()
    .sign(privateKey);
}

function unsigned(): string {
  return new UnsecuredJWT(logoutClaims()).setIssuedAt().encode();
}

const forgeries: Array<{ name: string; make: () => Promise<string> }> = [
  { name: "signed with a key that is not the provider's", make: signedWithForeignKey },
  { name: "not signed at all (alg none)", make: () => Promise.resolve(unsigned()) },
];

test.describe("POST /api/auth/backchannel-logout", () => {
  for (const { name, make } of forgeries) {
    test(`refuses a logout token ${name} with 400 and ends no session`, async ({ request, requestAs }) => {
      const alice = await requestAs("alice");
      expect(await opensDashboard(alice)).toBe(true);

      const response = await request.post("/api/auth/backchannel-logout", {
        form: { logout_token: await make() },
      });
      expect(response.status()).toBe(400);
      expect(response.headers()["cache-control"]).toContain("no-store");
      expect(await response.json()).toMatchObject({ error: "invalid_request" });

      expect(await opensDashboard(alice)).toBe(true);
    });
  }

  test("refuses a request without a logout token with 400", async ({ request }) => {
    const response = await request.post("/api/auth/backchannel-logout", { form: { something: "else" } });
    expect(response.status()).toBe(400);
  });
});
