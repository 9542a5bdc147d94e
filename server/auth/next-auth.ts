/**
 * next-auth (Auth.js v5) wiring: OpenID Connect authorization code with PKCE, state and nonce,
 * against the configured providers (server/auth/providers.ts).
 *
 * next-auth runs the protocol; the portal keeps the state. Its cookie is an encrypted JWT that
 * holds one thing, a random session secret; the session itself (user, expiry, provider tokens) is
 * a database row (server/auth/sessions.ts), so sessions are server-side and revocable. Each
 * request's session is checked against that row in the `jwt` callback, which returns null — and
 * next-auth clears the cookie — when the row is revoked or expired.
 */
import "server-only";
import NextAuth, { type Account, type NextAuthConfig } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import { db } from "@/server/db/client";
import { env, portalUrl } from "@/server/env";
import { logger } from "@/server/log";
import { errorCode } from "@/server/errors";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { configuredProviders, providerMetadata, type ConfiguredProvider } from "@/server/auth/providers";
import { createSession, loadActiveSession } from "@/server/auth/sessions";
import { resolveIdentity } from "@/server/auth/identity-linking";
import { SignInRejected, verifySignIn } from "@/server/auth/verify-sign-in";
import type { NormalisedProfile } from "@/server/auth/normalised-profile";
import type { PortalUser } from "@/server/auth/portal-user";
import { requestMeta } from "@/server/auth/request-meta";
import { clearPendingLinkCookie, readPendingLinkCookie, setPendingLinkCookie } from "@/server/auth/pending-link-cookie";

/** What the signIn callback learned, handed to the jwt callback for the same exchange. */
const verifiedSignIns = new WeakMap<Account, { userId: string; profile: NormalisedProfile }>();
/** The user the jwt callback loaded, handed to the session callback for the same token. */
const loadedUsers = new WeakMap<object, PortalUser>();

type ProviderClaims = { sub: string; name?: string };

async function toAuthJsProvider(provider: ConfiguredProvider): Promise<OIDCConfig<ProviderClaims>> {
  const base = {
    id: provider.id,
    name: provider.label,
    type: "oidc" as const,
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    checks: ["pkce", "state", "nonce"] as Array<"pkce" | "state" | "nonce">,
    profile: (claims: ProviderClaims) => ({ id: claims.sub, name: claims.name ?? null }),
  };
  try {
    // Explicit endpoints: PSC's discovery path is not the standard one, and its authorization
    // endpoint is on another host (the wallet); Auth.js would otherwise guess from the issuer.
    const metadata = await providerMetadata(provider);
    return {
      ...base,
      authorization: {
        url: metadata.authorization_endpoint,
        params: { scope: provider.scope, ...provider.authorizationParams },
      },
      token: metadata.token_endpoint,
      userinfo: metadata.userinfo_endpoint ?? metadata.token_endpoint,
    };
  } catch (error) {
    // The provider is down: existing sessions must keep working. Sign-in with it will fail on
    // Auth.js's own discovery and show the error page.
    logger.warn(
      { provider: provider.id, err: error instanceof Error ? { message: error.message } : undefined },
      "provider discovery failed",
    );
    return { ...base, authorization: { params: { scope: provider.scope, ...provider.authorizationParams } } };
  }
}

async function auditFailure(reason: string, provider?: string): Promise<void> {
  const meta = await requestMeta();
  await recordAuditEvent({
    action: "auth.sign_in_failed",
    outcome: "failure",
    ...meta,
    details: { reason: reason.slice(0, 200), provider: provider ?? null },
  }).catch((error: unknown) => logger.error({ err: error }, "audit write failed"));
}

const callbacks: NextAuthConfig["callbacks"] = {
  async signIn({ account }) {
    if (!account) return false;
    try {
      const profile = await verifySignIn({
        providerId: account.provider,
        idToken: account.id_token,
        accessToken: account.access_token,
      });
      const pendingLinkId = await readPendingLinkCookie();
      const resolution = await resolveIdentity(await db(), profile, pendingLinkId);
      const meta = await requestMeta();
      if (resolution.kind === "pending-link") {
        await setPendingLinkCookie(resolution.pendingLinkId);
        await recordAuditEvent({
          action: "auth.identity_link_requested",
          actorUserId: resolution.existingUserId,
          ...meta,
          details: { provider: profile.provider, matchedOn: resolution.matchedOn },
        });
        return "/auth/link";
      }
      if (pendingLinkId) await clearPendingLinkCookie();
      if (resolution.linkedFromPending) {
        await recordAuditEvent({
          action: "auth.identity_linked",
          actorUserId: resolution.userId,
          ...meta,
          details: {},
        });
      }
      verifiedSignIns.set(account, { userId: resolution.userId, profile });
      return true;
    } catch (error) {
      const reason = error instanceof SignInRejected ? error.reason : errorCode(error);
      logger.warn({ provider: account.provider, reason }, "sign-in rejected");
      await auditFailure(reason, account.provider);
      return false;
    }
  },

  async jwt({ token, account }) {
    if (account) {
      const verified = verifiedSignIns.get(account);
      if (!verified) return null;
      const meta = await requestMeta();
      const { secret, id } = await createSession({
        userId: verified.userId,
        provider: verified.profile.provider,
        providerSubject: verified.profile.subject,
        providerSid: verified.profile.providerSid,
        authMethods: verified.profile.authMethods,
        acr: verified.profile.acr,
        idToken: account.id_token ?? null,
        accessToken: account.access_token ?? null,
        refreshToken: account.refresh_token ?? null,
        accessTokenExpiresAt: account.expires_at ? new Date(account.expires_at * 1000) : null,
        ...meta,
      });
      await recordAuditEvent({
        action: "auth.sign_in",
        actorUserId: verified.userId,
        targetType: "session",
        targetId: id,
        ...meta,
        details: { provider: verified.profile.provider, methods: verified.profile.authMethods.join(",") },
      });
      // Only the session secret goes into the cookie: no name, e-mail or token.
      return { sst: secret };
    }
    const secret = typeof token.sst === "string" ? token.sst : null;
    if (!secret) return null;
    const user = await loadActiveSession(secret);
    if (!user) return null;
    loadedUsers.set(token, user);
    return token;
  },

  session({ session, token }) {
    const user = loadedUsers.get(token);
    // `session.user` is what /api/auth/session shows the browser: keep it to presentation data.
    return {
      ...session,
      user: user ? { id: user.id, name: user.displayName, email: "" } : session.user,
      portalUser: user,
    };
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth(async (): Promise<NextAuthConfig> => {
  const config = env();
  return {
    secret: config.AUTH_SECRET,
    trustHost: true,
    basePath: "/api/auth",
    useSecureCookies: portalUrl(config).startsWith("https://"),
    session: { strategy: "jwt", maxAge: config.SESSION_ABSOLUTE_TIMEOUT },
    pages: { signIn: "/auth/sign-in", error: "/auth/error" },
    providers: await Promise.all(configuredProviders(config).map(toAuthJsProvider)),
    callbacks,
    logger: {
      error(error) {
        // Protocol failures (bad state, replayed code, wrong issuer, expired token…) land here.
        // Auth.js wraps the protocol failure (InvalidCheck, OperationProcessingError…) as the cause.
        const kind = errorCode(error);
        const cause = (error as { cause?: { err?: unknown } }).cause?.err;
        const detail = cause === undefined ? kind : `${kind}: ${errorCode(cause)}`;
        logger.warn({ kind: detail }, "auth error");
        if (kind !== "JWTSessionError") void auditFailure(detail);
      },
      warn(code) {
        logger.warn({ code }, "auth warning");
      },
      debug() {},
    },
  };
});
