/**
 * Builds one oidc-provider instance of the development OpenID provider: `idcaih` (behaves like a
 * Keycloak realm) or `psc` (behaves like Pro Santé Connect). Everything protocol-related is
 * oidc-provider's; this file only chooses its configuration. The choices that are not defaults,
 * and why:
 * - PKCE required for the confidential client too (oidc-provider requires it for public ones only);
 * - refresh tokens issued to a client allowed the grant without `offline_access`+`prompt=consent`
 *   (the portal keeps sessions alive with them), rotated at every use, and tied to the session so
 *   a sign-out at the provider ends them;
 * - `conformIdTokenClaims: false` puts profile and e-mail claims in the ID token, not only in
 *   userinfo, as Keycloak does;
 * - consent is granted automatically: the portal is a first-party client;
 * - cookies carry the issuer's name and path, because both issuers share one host and port and
 *   would otherwise overwrite each other's session cookie;
 * - outgoing requests (back-channel logout) may reach a loopback portal, which oidc-provider's
 *   SSRF guard forbids by default; any other address keeps the guard.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { type IssuerKind, claimsOf, findAccountBySubject } from "@/server/dev-oidc/demo-accounts";
import { isLoopbackUrl } from "@/server/dev-oidc/loopback";
import {
  pageHeaders,
  pickLanguage,
  renderErrorPage,
  renderLogoutPage,
  renderSignedOutPage,
} from "@/server/dev-oidc/pages";
import type { SigningKeys } from "@/server/dev-oidc/keys";
import { logger } from "@/server/log";

export const CLIENT_ID = "portal";

export interface DevProviderOptions {
  kind: IssuerKind;
  /** Full issuer URL, e.g. http://127.0.0.1:3100/idcaih; its path is the mount prefix. */
  issuer: string;
  portalUrl: string;
  clientSecret: string;
  signingKeys: SigningKeys;
}

const log = logger.child({ component: "dev-oidc" });

// acr and amr ride on the `openid` scope so every ID token carries them (oidc-provider otherwise
// adds acr only when acr_values asked for it, and amr only through the claims parameter), as
// Keycloak and PSC do. Userinfo is unaffected: it only releases what the account's claims() hold.
const COMMON_CLAIMS = { acr: null, amr: null, sid: null, auth_time: null, iss: null, openid: ["sub", "acr", "amr"] };

const CLAIMS: Record<IssuerKind, NonNullable<Configuration["claims"]>> = {
  idcaih: {
    ...COMMON_CLAIMS,
    email: ["email", "email_verified"],
    profile: ["name", "given_name", "family_name", "preferred_username", "profession", "rpps", "roles"],
  },
  psc: {
    ...COMMON_CLAIMS,
    email: ["email", "email_verified"],
    profile: ["given_name", "family_name", "preferred_username"],
    // PSC's catch-all scope: the national id and the professional record.
    scope_all: [
      "SubjectNameID",
      "SubjectRefPro",
      "given_name",
      "family_name",
      "preferred_username",
      "email",
      "email_verified",
    ],
  },
};

/** oidc-provider's default outgoing fetch, with its SSRF guard lifted for loopback targets only. */
function loopbackAwareFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const url = input instanceof Request ? input.url : input.toString();
  if (init && isLoopbackUrl(url)) {
    // The guard is an undici dispatcher refusing special-use addresses, 127.0.0.0/8 included.
    const unguarded: RequestInit & { dispatcher?: unknown } = { ...init };
    delete unguarded.dispatcher;
    return globalThis.fetch(input, unguarded);
  }
  return globalThis.fetch(input, init);
}

/**
 * First-party consent: the grant always covers the scopes and claims requested, so the consent
 * prompt never appears. Only reached after login (the session has an account).
 */
async function loadOrCreateGrant(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const client = oidc.client;
  const accountId = oidc.session?.accountId;
  if (!client || !accountId) return undefined;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(client.clientId);
  const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  const grant = existing ?? new oidc.provider.Grant({ clientId: client.clientId, accountId });
  grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(" "));
  const claims = [...oidc.requestParamClaims];
  if (claims.length > 0) grant.addOIDCClaims(claims);
  await grant.save();
  return grant;
}

function languageOf(ctx: KoaContextWithOIDC) {
  const params = ctx.oidc?.params;
  const uiLocales = params && typeof params.ui_locales === "string" ? params.ui_locales : null;
  return pickLanguage({ lang: ctx.query.lang?.toString(), uiLocales });
}

function sendPage(ctx: KoaContextWithOIDC, portalOrigin: string, render: (nonce: string) => string): void {
  const { nonce, headers } = pageHeaders([portalOrigin]);
  ctx.set(headers);
  ctx.type = "html";
  ctx.body = render(nonce);
}

export function createDevProvider(options: DevProviderOptions): Provider {
  const { kind, issuer, portalUrl } = options;
  const prefix = new URL(issuer).pathname.replace(/\/+$/, "");
  const portalOrigin = new URL(portalUrl).origin;

  const configuration: Configuration = {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: options.clientSecret,
        client_name: "Portail",
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
        redirect_uris: [`${portalUrl}/api/auth/callback/${kind}`],
        post_logout_redirect_uris: [`${portalUrl}/auth/signed-out`],
        backchannel_logout_uri: `${portalUrl}/api/auth/backchannel-logout`,
        backchannel_logout_session_required: true,
        // Pro Santé Connect answers userinfo as a signed JWT, never as JSON.
        ...(kind === "psc" ? { userinfo_signed_response_alg: "RS256" } : {}),
      },
    ],
    jwks: { keys: options.signingKeys.keys },
    cookies: {
      // Random per start: sessions live in memory and die with the process anyway.
      keys: [randomBytes(32).toString("base64url")],
      names: { session: `_${kind}_session`, interaction: `_${kind}_interaction`, resume: `_${kind}_resume` },
      long: { httpOnly: true, sameSite: "lax", path: `${prefix}/` },
      short: { httpOnly: true, sameSite: "lax", path: `${prefix}/` },
    },
    claims: CLAIMS[kind],
    acrValues: kind === "psc" ? ["eidas1"] : ["1"],
    conformIdTokenClaims: false,
    // Authorization code only, as the portal uses it: no implicit or hybrid flows on offer.
    responseTypes: ["code"],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      jwtUserinfo: { enabled: kind === "psc" },
      revocation: { enabled: true },
      introspection: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          // end_session has already verified id_token_hint when it is present.
          const autoConfirm = typeof ctx.oidc.params?.id_token_hint === "string";
          sendPage(ctx, portalOrigin, (nonce) =>
            renderLogoutPage({ lang: languageOf(ctx), nonce, issuer: kind, form, autoConfirm }),
          );
        },
        postLogoutSuccessSource: (ctx) => {
          sendPage(ctx, portalOrigin, (nonce) => renderSignedOutPage({ lang: languageOf(ctx), nonce, issuer: kind }));
        },
      },
    },
    renderError: (ctx, out) => {
      sendPage(ctx, portalOrigin, (nonce) =>
        renderErrorPage({
          lang: languageOf(ctx),
          nonce,
          issuer: kind,
          error: out.error,
          description: out.error_description,
        }),
      );
    },
    findAccount: (_ctx, sub) => {
      const account = findAccountBySubject(kind, sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => claimsOf(kind, account) };
    },
    loadExistingGrant: loadOrCreateGrant,
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    rotateRefreshToken: true,
    interactions: {
      // Absolute path including the prefix: the default (/interaction/…) ignores the mount point.
      url: (_ctx, interaction) => `${prefix}/interaction/${interaction.uid}`,
    },
    ttl: {
      AccessToken: 10 * 60,
      AuthorizationCode: 60,
      IdToken: 10 * 60,
      RefreshToken: 24 * 60 * 60,
      Interaction: 60 * 60,
      Session: 24 * 60 * 60,
      Grant: 24 * 60 * 60,
    },
    fetch: loopbackAwareFetch,
  };

  const provider = new Provider(issuer, configuration);
  provider.on("server_error", (_ctx, error) => log.error({ issuer: kind, err: error }, "dev-oidc server error"));
  provider.on("backchannel.error", (_ctx, error, client) =>
    log.warn({ issuer: kind, clientId: client.clientId, reason: error.message }, "dev-oidc back-channel logout failed"),
  );
  return provider;
}
