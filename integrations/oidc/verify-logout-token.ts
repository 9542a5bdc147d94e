/**
 * Validates an OpenID Connect Back-Channel Logout token (spec §2.6): signature by the provider's
 * keys, issuer, audience, a recent `iat`, the back-channel logout event, `sub` or `sid`, and no
 * `nonce` (which would mean an ID token is being replayed as a logout token).
 */
import "server-only";
import { jwtVerify } from "jose";
import { z } from "zod";
import { remoteKeySet } from "@/integrations/oidc/jwks";
import type { TProviderMetadata } from "@/integrations/oidc/schemas";

export const BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
const MAX_AGE_SECONDS = 5 * 60;

const ZLogoutClaims = z
  .looseObject({
    sub: z.string().min(1).optional(),
    sid: z.string().min(1).optional(),
    events: z.record(z.string(), z.unknown()),
  })
  .refine((claims) => !("nonce" in claims), "a logout token must not carry a nonce")
  .refine((claims) => BACKCHANNEL_LOGOUT_EVENT in claims.events, "missing the back-channel logout event")
  .refine((claims) => claims.sub !== undefined || claims.sid !== undefined, "needs sub or sid");

export type TLogoutClaims = z.infer<typeof ZLogoutClaims>;

export async function verifyLogoutToken(
  logoutToken: string,
  metadata: TProviderMetadata,
  clientId: string,
): Promise<TLogoutClaims> {
  const { payload } = await jwtVerify(logoutToken, remoteKeySet(metadata.jwks_uri), {
    issuer: metadata.issuer,
    audience: clientId,
    maxTokenAge: MAX_AGE_SECONDS,
    clockTolerance: 30,
    requiredClaims: ["iat", "jti"],
  });
  return ZLogoutClaims.parse(payload);
}
