/**
 * Fetches Pro Santé Connect's userinfo, which is a JWS (`application/jwt`), and verifies it:
 * RS256 against PSC's published keys, or HS256 keyed with the client secret (ANS's own connector
 * accepts both). A nested JWE (5 segments) is refused: the portal does not register an
 * encryption key with PSC.
 */
import "server-only";
import { decodeProtectedHeader, jwtVerify } from "jose";
import { remoteKeySet } from "@/integrations/oidc/jwks";
import { oidcFetch, OidcError } from "@/integrations/oidc/oidc-fetch";
import type { TProviderMetadata } from "@/integrations/oidc/schemas";
import { ZPscUserinfo, type TPscUserinfo } from "@/integrations/prosanteconnect/schemas";

export async function fetchPscUserinfo(
  metadata: TProviderMetadata,
  accessToken: string,
  client: { clientId: string; clientSecret: string },
  expectedSubject: string,
): Promise<TPscUserinfo> {
  if (!metadata.userinfo_endpoint) throw new OidcError("[psc] userinfo: no userinfo endpoint in metadata");
  const response = await oidcFetch("psc userinfo", metadata.userinfo_endpoint, {
    headers: { authorization: `Bearer ${accessToken}`, accept: "application/jwt" },
  });
  if (!response.ok) throw new OidcError(`[psc] userinfo: http ${response.status}`, response.status);
  const contentType = response.headers.get("content-type") ?? "";
  if (!contentType.startsWith("application/jwt")) throw new OidcError("[psc] userinfo: expected application/jwt");
  const jwt = (await response.text()).trim();
  if (jwt.split(".").length !== 3) throw new OidcError("[psc] userinfo: not a compact JWS");
  const { alg } = decodeProtectedHeader(jwt);
  const { payload } =
    alg === "HS256"
      ? await jwtVerify(jwt, new TextEncoder().encode(client.clientSecret), { algorithms: ["HS256"] })
      : await jwtVerify(jwt, remoteKeySet(metadata.jwks_uri), { algorithms: ["RS256", "PS256", "ES256"] });
  // When signed, userinfo should name the issuer and audience; PSC does, a missing one is tolerated.
  if (payload.iss !== undefined && payload.iss !== metadata.issuer) throw new OidcError("[psc] userinfo: wrong issuer");
  const userinfo = ZPscUserinfo.parse(payload);
  if (userinfo.sub !== expectedSubject) throw new OidcError("[psc] userinfo: subject differs from the ID token");
  return userinfo;
}

/** RPPS from an IdNat_PS: "8" + 11-digit RPPS; ADELI-based ids ("0…") carry no RPPS. */
export function rppsFromSubjectNameId(subjectNameId: string | undefined): string | null {
  if (!subjectNameId) return null;
  const match = /^8(\d{11})$/.exec(subjectNameId);
  return match?.[1] ?? null;
}
