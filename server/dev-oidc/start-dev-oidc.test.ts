// The development OpenID provider, driven through the real protocol with openid-client (the same
// library family next-auth uses) and a cookie-jar fetch standing in for the browser.
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRemoteJWKSet, decodeJwt, jwtVerify } from "jose";
import * as client from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HeadlessBrowser, readForm } from "@/server/dev-oidc/headless-browser";
import { DevOidcRefusedError } from "@/server/dev-oidc/production-guard";
import { startDevOidc, type RunningDevOidc } from "@/server/dev-oidc/start-dev-oidc";

const SECRET = "test-client-secret-0123456789abcdef";

/** Stands in for the portal: records back-channel logout requests. */
interface FakePortal {
  url: string;
  logoutTokens: string[];
  nextLogoutToken(): Promise<string>;
  close(): Promise<void>;
}

async function startFakePortal(): Promise<FakePortal> {
  const logoutTokens: string[] = [];
  const waiters: Array<(token: string) => void> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method === "POST" && req.url === "/api/auth/backchannel-logout") {
        const token = new URLSearchParams(Buffer.concat(chunks).toString()).get("logout_token") ?? "";
        logoutTokens.push(token);
        waiters.shift()?.(token);
        res.writeHead(200).end();
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    logoutTokens,
    nextLogoutToken: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no back-channel logout received")), 5000);
        waiters.push((token) => {
          clearTimeout(timer);
          resolve(token);
        });
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let portal: FakePortal;
let keysDir: string;
let oidc: RunningDevOidc;

beforeAll(async () => {
  portal = await startFakePortal();
  keysDir = await mkdtemp(path.join(tmpdir(), "dev-oidc-keys-"));
  oidc = await startDevOidc({
    port: 0,
    portalUrl: portal.url,
    clientSecret: SECRET,
    keysDir,
    environment: { NODE_ENV: "test" },
  });
});

afterAll(async () => {
  await oidc.close();
  await portal.close();
  await rm(keysDir, { recursive: true, force: true });
});

/** Absolute URLs in a page that point anywhere but the provider itself. */
function foreignUrls(html: string): string[] {
  const own = new URL(oidc.issuers.idcaih).origin;
  return [...html.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((match) => match[0]).filter((url) => !url.startsWith(own));
}

function discover(kind: "idcaih" | "psc"): Promise<client.Configuration> {
  const server = kind === "psc" ? new URL(oidc.pscDiscoveryUrl) : new URL(oidc.issuers.idcaih);
  return client.discovery(server, "portal", SECRET, undefined, { execute: [client.allowInsecureRequests] });
}

/** Runs the authorization code flow with PKCE up to the callback; returns the tokens. */
async function signIn(kind: "idcaih" | "psc", login: string, extra: Record<string, string> = {}) {
  const config = await discover(kind);
  const browser = new HeadlessBrowser(portal.url);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const redirectUri = `${portal.url}/api/auth/callback/${kind}`;
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: kind === "psc" ? "openid scope_all" : "openid profile email",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...extra,
  });
  const loginPage = await browser.visit(authorizationUrl);
  expect(loginPage.response.status).toBe(200);
  const form = readForm(loginPage.body);
  const callback = await browser.visit(new URL(form.action, authorizationUrl), {
    form: { ...form.fields, login, password: "demo" },
  });
  if (!callback.leftTo) throw new Error(`sign-in did not return to the portal (HTTP ${callback.response.status})`);
  expect(callback.leftTo.href.startsWith(redirectUri)).toBe(true);
  const tokens = await client.authorizationCodeGrant(config, callback.leftTo, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  });
  return { config, browser, tokens };
}

describe("GET /idcaih/.well-known/openid-configuration", () => {
  it("publishes standard metadata with PKCE S256 and the logout features", async () => {
    const response = await fetch(`${oidc.issuers.idcaih}/.well-known/openid-configuration`);
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(metadata.issuer).toBe(oidc.issuers.idcaih);
    expect(metadata.code_challenge_methods_supported).toEqual(["S256"]);
    expect(metadata.backchannel_logout_session_supported).toBe(true);
    expect(metadata.end_session_endpoint).toBe(`${oidc.issuers.idcaih}/session/end`);
    expect(metadata.introspection_endpoint).toBeDefined();
    expect(metadata.revocation_endpoint).toBeDefined();
  });
});

describe("GET /psc/.well-known/wallet-openid-configuration", () => {
  it("answers PSC's non-standard discovery path with the psc issuer", async () => {
    const metadata = (await (await fetch(oidc.pscDiscoveryUrl)).json()) as Record<string, unknown>;
    expect(metadata.issuer).toBe(oidc.issuers.psc);
    expect(metadata.acr_values_supported).toEqual(["eidas1"]);
    expect(metadata.userinfo_signing_alg_values_supported).toContain("RS256");
  });
});

describe("idcaih authorization code flow", () => {
  it("signs alice in with PKCE, refreshes with rotation and introspects", async () => {
    const { config, tokens } = await signIn("idcaih", "alice.martin");
    const claims = tokens.claims();
    expect(claims).toMatchObject({
      iss: oidc.issuers.idcaih,
      aud: "portal",
      sub: "demo-alice",
      name: "Alice Martin",
      email: "alice.martin@demo.hopital.test",
      email_verified: true,
      profession: "médecin",
      rpps: "10101010101",
      amr: ["pwd"],
    });
    expect(typeof claims?.sid).toBe("string");
    expect(claims?.roles).toBeUndefined();
    const firstRefresh = tokens.refresh_token;
    expect(firstRefresh).toBeTruthy();

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, "demo-alice");
    expect(userinfo).toMatchObject({ preferred_username: "alice.martin", profession: "médecin" });

    const refreshed = await client.refreshTokenGrant(config, firstRefresh ?? "");
    expect(refreshed.refresh_token).toBeTruthy();
    expect(refreshed.refresh_token).not.toBe(firstRefresh);
    expect(refreshed.access_token).not.toBe(tokens.access_token);

    const introspection = await client.tokenIntrospection(config, refreshed.access_token);
    expect(introspection).toMatchObject({ active: true, sub: "demo-alice", client_id: "portal" });

    // A rotated refresh token is spent: reusing it is refused.
    await expect(client.refreshTokenGrant(config, firstRefresh ?? "")).rejects.toMatchObject({
      error: "invalid_grant",
    });
  });

  it("gives chloe the admin role", async () => {
    const { tokens } = await signIn("idcaih", "chloe.admin");
    expect(tokens.claims()).toMatchObject({ sub: "demo-chloe", roles: ["admin"], profession: "administratrice" });
  });

  it("refuses an authorization request without PKCE", async () => {
    const config = await discover("idcaih");
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: `${portal.url}/api/auth/callback/idcaih`,
      scope: "openid",
      state: client.randomState(),
    });
    const visit = await new HeadlessBrowser(portal.url).visit(url);
    expect(visit.leftTo?.searchParams.get("error")).toBe("invalid_request");
    expect(visit.leftTo?.searchParams.get("error_description")).toMatch(/PKCE/);
  });
});

describe("POST /idcaih/interaction/:uid/login", () => {
  it("shows an error on the page for a wrong password, without redirecting", async () => {
    const config = await discover("idcaih");
    const browser = new HeadlessBrowser(portal.url);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: `${portal.url}/api/auth/callback/idcaih`,
      scope: "openid",
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: "S256",
    });
    const page = await browser.visit(url);
    expect(page.body).toContain('<html lang="fr">');
    expect(page.body).toContain("alice.martin");
    const { action } = readForm(page.body);
    const refused = await browser.visit(new URL(action, url), { form: { login: "alice.martin", password: "wrong" } });
    expect(refused.response.status).toBe(401);
    expect(refused.leftTo).toBeUndefined();
    expect(refused.body).toContain('role="alert"');
    expect(refused.body).toContain("Identifiant ou mot de passe incorrect.");
    expect(refused.body).toContain('value="alice.martin"');
  });

  it("loads nothing from any other host and switches to English", async () => {
    const config = await discover("idcaih");
    const browser = new HeadlessBrowser(portal.url);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: `${portal.url}/api/auth/callback/idcaih`,
      scope: "openid",
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: "S256",
      ui_locales: "en",
    });
    const page = await browser.visit(url);
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).not.toMatch(/<link|@import|src=/);
    expect(foreignUrls(page.body)).toEqual([]);
    expect(page.response.headers.get("content-security-policy")).toContain("default-src 'none'");
  });
});

describe("psc authorization code flow", () => {
  it("issues acr eidas1 and answers userinfo as a signed JWT", async () => {
    const { config, tokens } = await signIn("psc", "bruno.durand", { acr_values: "eidas1" });
    const claims = tokens.claims();
    expect(claims).toMatchObject({ iss: oidc.issuers.psc, sub: "psc-demo-bruno", acr: "eidas1", amr: ["eidas1"] });

    const metadata = config.serverMetadata();
    const response = await fetch(metadata.userinfo_endpoint ?? "", {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(response.headers.get("content-type")).toMatch(/^application\/jwt/);
    const jwt = await response.text();
    const { payload, protectedHeader } = await jwtVerify(jwt, createRemoteJWKSet(new URL(metadata.jwks_uri ?? "")), {
      issuer: oidc.issuers.psc,
      audience: "portal",
    });
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload).toMatchObject({
      sub: "psc-demo-bruno",
      SubjectNameID: "810202020202",
      preferred_username: "810202020202",
      given_name: "Bruno",
      family_name: "Durand",
      SubjectRefPro: { exercices: [{ codeProfession: "60" }] },
    });
  });

  it("refuses an account without RPPS", async () => {
    const config = await discover("psc");
    const browser = new HeadlessBrowser(portal.url);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: `${portal.url}/api/auth/callback/psc`,
      scope: "openid scope_all",
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: "S256",
    });
    const page = await browser.visit(url);
    const refused = await browser.visit(new URL(readForm(page.body).action, url), {
      form: { login: "chloe.admin", password: "demo" },
    });
    expect(refused.response.status).toBe(401);
    expect(refused.body).toContain("e-CPS");
  });
});

describe("GET /idcaih/session/end", () => {
  it("signs out, sends a back-channel logout token for the session and ends its refresh token", async () => {
    const { config, browser, tokens } = await signIn("idcaih", "alice.martin");
    const sid = tokens.claims()?.sid;
    const endSession = client.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token ?? "",
      post_logout_redirect_uri: `${portal.url}/auth/signed-out`,
      state: "bye",
    });
    const confirm = await browser.visit(endSession);
    expect(confirm.response.status).toBe(200);
    expect(foreignUrls(confirm.body)).toEqual([]);
    const form = readForm(confirm.body, "op.logoutForm");
    const received = portal.nextLogoutToken();
    const done = await browser.visit(new URL(form.action, endSession), { form: { ...form.fields, logout: "yes" } });
    expect(done.leftTo?.href).toBe(`${portal.url}/auth/signed-out?state=bye`);

    const logoutToken = await received;
    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri ?? ""));
    const { payload, protectedHeader } = await jwtVerify(logoutToken, jwks, {
      issuer: oidc.issuers.idcaih,
      audience: "portal",
    });
    expect(protectedHeader.typ).toBe("logout+jwt");
    expect(payload.sub).toBe("demo-alice");
    expect(payload.sid).toBe(sid);
    expect(payload.events).toEqual({ "http://schemas.openid.net/event/backchannel-logout": {} });
    expect(decodeJwt(logoutToken).nonce).toBeUndefined();

    await expect(client.refreshTokenGrant(config, tokens.refresh_token ?? "")).rejects.toMatchObject({
      error: "invalid_grant",
    });
  });
});

describe("startDevOidc", () => {
  it("keeps its signing keys across restarts, in files only the owner can read", async () => {
    const jwksBefore = await (await fetch(`${oidc.issuers.idcaih}/jwks`)).json();
    const again = await startDevOidc({
      port: 0,
      portalUrl: portal.url,
      clientSecret: SECRET,
      keysDir,
      environment: {},
    });
    try {
      const jwksAfter = await (await fetch(`${again.issuers.idcaih}/jwks`)).json();
      expect(jwksAfter).toEqual(jwksBefore);
    } finally {
      await again.close();
    }
    const file = path.join(keysDir, "idcaih.jwks.json");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, "utf8"))).toHaveProperty("keys.0.d");
  });

  it("refuses to start with NODE_ENV=production unless DEV_OIDC_ALLOW_PRODUCTION=true", async () => {
    const options = { port: 0, portalUrl: portal.url, clientSecret: SECRET, keysDir };
    await expect(startDevOidc({ ...options, environment: { NODE_ENV: "production" } })).rejects.toThrow(
      DevOidcRefusedError,
    );
    await expect(startDevOidc({ ...options, environment: { NODE_ENV: "production" } })).rejects.toThrow(
      /NODE_ENV=production/,
    );
    const allowed = await startDevOidc({
      ...options,
      environment: { NODE_ENV: "production", DEV_OIDC_ALLOW_PRODUCTION: "true" },
    });
    await allowed.close();
  });
});
