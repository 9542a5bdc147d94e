/**
 * Verifies an ID token's signature against the provider's published keys, with its issuer,
 * audience and lifetime. next-auth checks claims but, for a token received from the token
 * endpoint, not the signature; the portal does, so a forged or wrongly signed token is refused.
 */
import "server-only";
import { jwtVerify, type JWTPayload } from "jose";
import { remoteKeySet } from "@/integrations/oidc/jwks";
import type { TProviderMetadata } from "@/integrations/oidc/schemas";

export async function verifyIdToken(
  idToken: string,
  metadata: TProviderMetadata,
  clientId: string,
): Promise<JWTPayload> {
  const { payload } = await jwtVerify(idToken, remoteKeySet(metadata.jwks_uri), {
    issuer: metadata.issuer,
    audience: clientId,
    clockTolerance: 30,
    requiredClaims: ["sub", "iat", "exp"],
  });
  return payload;
}
