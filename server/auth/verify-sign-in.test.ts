import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { startLocalIssuer, type LocalIssuer } from "@/test/support/local-issuer";
import { verifySignIn } from "@/server/auth/verify-sign-in";

let idp: LocalIssuer;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  idp = await startLocalIssuer();
  setTestEnv({ IDCAIH_ISSUER: idp.issuer, IDCAIH_CLIENT_ID: "portal", IDCAIH_CLIENT_SECRET: "portal-secret" });
});
afterAll(() => idp.close());

function claims(overrides: Record<string, unknown> = {}) {
  return {
    iss: idp.issuer,
    aud: "portal",
    sub: "u-1",
    iat: now(),
    exp: now() + 300,
    sid: "sid-1",
    name: "Alice Martin",
    email: "alice@hopital.test",
    email_verified: true,
    rpps: "10101010101",
    profession: "médecin",
    amr: ["pwd", "otp"],
    realm_access: { roles: ["admin"] },
    ...overrides,
  };
}

describe("verifySignIn", () => {
  it("accepts a token signed by the provider and normalises its claims", async () => {
    const profile = await verifySignIn({ providerId: "idcaih", idToken: await idp.sign(claims()), accessToken: "at" });
    expect(profile).toMatchObject({
      provider: "idcaih",
      subject: "u-1",
      displayName: "Alice Martin",
      emailVerified: true,
      rpps: "10101010101",
      isAdmin: true,
      providerSid: "sid-1",
      authMethods: ["pwd", "otp"],
    });
  });

  it("refuses a token signed by another key", async () => {
    const forged = await idp.sign(claims(), { key: idp.otherKey });
    await expect(verifySignIn({ providerId: "idcaih", idToken: forged, accessToken: "at" })).rejects.toThrow(
      /id token/,
    );
  });

  it("refuses a token from another issuer", async () => {
    const token = await idp.sign(claims({ iss: "https://evil.example/realms/test" }));
    await expect(verifySignIn({ providerId: "idcaih", idToken: token, accessToken: "at" })).rejects.toThrow(/id token/);
  });

  it("refuses an expired token", async () => {
    const token = await idp.sign(claims({ iat: now() - 7200, exp: now() - 3600 }));
    await expect(verifySignIn({ providerId: "idcaih", idToken: token, accessToken: "at" })).rejects.toThrow(/id token/);
  });

  it("refuses a token for another client", async () => {
    const token = await idp.sign(claims({ aud: "someone-else" }));
    await expect(verifySignIn({ providerId: "idcaih", idToken: token, accessToken: "at" })).rejects.toThrow(/id token/);
  });

  it("refuses an unknown provider and a missing token", async () => {
    await expect(verifySignIn({ providerId: "nope", idToken: "x", accessToken: "at" })).rejects.toThrow(
      /unknown provider/,
    );
    await expect(verifySignIn({ providerId: "idcaih", idToken: undefined, accessToken: "at" })).rejects.toThrow(
      /no id token/,
    );
  });

  it("drops a malformed RPPS claim rather than using it as a linking key", async () => {
    const token = await idp.sign(claims({ rpps: "123" }));
    expect(await verifySignIn({ providerId: "idcaih", idToken: token, accessToken: "at" })).toMatchObject({
      rpps: null,
    });
  });
});
