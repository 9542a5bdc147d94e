import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { startLocalIssuer, type LocalIssuer } from "@/test/support/local-issuer";
import { verifySignIn } from "@/server/auth/verify-sign-in";

let psc: LocalIssuer;
let userinfoMode: "jwt" | "json" | "forged" | "other-subject" = "jwt";
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  psc = await startLocalIssuer({
    path: "/auth/realms/esante-wallet",
    async userinfo(sign) {
      const claims = {
        iss: psc.issuer,
        aud: "portal",
        sub: userinfoMode === "other-subject" ? "f:someone-else" : "f:1234:alice",
        SubjectNameID: "810101010101",
        given_name: "Alice",
        family_name: "Martin",
        SubjectRefPro: { exercices: [{ codeProfession: "10" }] },
      };
      if (userinfoMode === "json") return { contentType: "application/json", body: JSON.stringify(claims) };
      const body = userinfoMode === "forged" ? await sign(claims, { key: psc.otherKey }) : await sign(claims);
      return { contentType: "application/jwt", body };
    },
  });
  setTestEnv({
    PSC_ISSUER: psc.issuer,
    PSC_CLIENT_ID: "portal",
    PSC_CLIENT_SECRET: "psc-secret",
    // The stand-in publishes standard metadata; real PSC uses wallet-openid-configuration.
    PSC_DISCOVERY_URL: `${psc.issuer}/.well-known/openid-configuration`,
  });
});
afterAll(() => psc.close());

const idToken = (acr: string | undefined) =>
  psc.sign({ iss: psc.issuer, aud: "portal", sub: "f:1234:alice", iat: now(), exp: now() + 300, acr, sid: "psc-sid" });

describe("verifySignIn with Pro Santé Connect", () => {
  it("reads the signed JWT userinfo: RPPS from SubjectNameID, profession from its code, e-CPS level", async () => {
    userinfoMode = "jwt";
    const profile = await verifySignIn({ providerId: "psc", idToken: await idToken("eidas1"), accessToken: "at" });
    expect(profile).toMatchObject({
      provider: "psc",
      displayName: "Alice Martin",
      rpps: "10101010101",
      profession: "médecin",
      emailVerified: false,
      acr: "eidas1",
    });
    expect(profile.authMethods).toContain("eidas1");
  });

  it("refuses an ID token without acr eidas1", async () => {
    await expect(
      verifySignIn({ providerId: "psc", idToken: await idToken(undefined), accessToken: "at" }),
    ).rejects.toThrow(/acr/);
    await expect(
      verifySignIn({ providerId: "psc", idToken: await idToken("eidas2"), accessToken: "at" }),
    ).rejects.toThrow(/acr/);
  });

  it("refuses userinfo that is plain JSON, wrongly signed, or about another subject", async () => {
    for (const mode of ["json", "forged", "other-subject"] as const) {
      userinfoMode = mode;
      await expect(
        verifySignIn({ providerId: "psc", idToken: await idToken("eidas1"), accessToken: "at" }),
      ).rejects.toThrow();
    }
  });
});
