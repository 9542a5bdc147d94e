/**
 * The embedding API's OAuth2 access tokens (client credentials, RFC 6749 §4.4): short-lived JWTs
 * (HS256) naming the client in `sub`, for the audience of this API only. The key is derived from
 * AUTH_SECRET with HKDF for this one purpose, so it signs nothing else and a token of another
 * portal component (collaboration tokens, cookies) is never accepted here, nor the reverse.
 * Stateless: any portal process verifies a token another one issued.
 */
import "server-only";
import { hkdfSync, randomUUID } from "node:crypto";
import { SignJWT, jwtVerify } from "jose";
import { env, portalUrl } from "@/server/env";

export const EMBED_API_SCOPE = "embed";
const ALGORITHM = "HS256";

function signingKey(secret: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", secret, "", "portal embed API access token v1", 32));
}

export function embedApiAudience(): string {
  return `${portalUrl()}/api/embed/v1`;
}

export async function issueAccessToken(clientId: string): Promise<{ token: string; expiresIn: number }> {
  const config = env();
  const expiresIn = config.EMBED_ACCESS_TOKEN_TTL_SECONDS;
  const token = await new SignJWT({ scope: EMBED_API_SCOPE })
    .setProtectedHeader({ alg: ALGORITHM, typ: "at+jwt" })
    .setIssuer(portalUrl(config))
    .setAudience(embedApiAudience())
    .setSubject(clientId)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${expiresIn}s`)
    .sign(signingKey(config.AUTH_SECRET));
  return { token, expiresIn };
}

/** The client id of a valid token, or null (bad signature, expired, other audience, wrong type). */
export async function verifyAccessToken(token: string): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, signingKey(env().AUTH_SECRET), {
      algorithms: [ALGORITHM],
      issuer: portalUrl(),
      audience: embedApiAudience(),
      typ: "at+jwt",
    });
    if (payload.scope !== EMBED_API_SCOPE || typeof payload.sub !== "string") return null;
    return payload.sub;
  } catch {
    return null;
  }
}
