/**
 * Checks a completed authorization-code exchange before any session exists, and turns the
 * provider's claims into a NormalisedProfile. next-auth has already checked state, PKCE, nonce and
 * the ID token's claims; this adds what it does not do: the ID token's signature against the
 * provider's keys, the required acr (`eidas1` for Pro Santé Connect), and PSC's signed userinfo.
 */
import "server-only";
import { z } from "zod";
import { env } from "@/server/env";
import { errorCode } from "@/server/errors";
import { findProvider, providerMetadata } from "@/server/auth/providers";
import type { NormalisedProfile } from "@/server/auth/normalised-profile";
import { verifyIdToken } from "@/integrations/oidc/verify-id-token";
import { fetchPscUserinfo, rppsFromSubjectNameId } from "@/integrations/prosanteconnect/userinfo";
import { professionFromCode } from "@/integrations/prosanteconnect/professions";

export class SignInRejected extends Error {
  override name = "SignInRejected";
  constructor(readonly reason: string) {
    super(`sign-in rejected: ${reason}`);
  }
}

const ZIdCaihClaims = z.looseObject({
  sub: z.string().min(1),
  sid: z.string().optional(),
  acr: z.string().optional(),
  amr: z.array(z.string()).optional(),
  name: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  preferred_username: z.string().optional(),
  email: z.string().optional(),
  email_verified: z.boolean().optional(),
  // A malformed RPPS (a mapper misconfigured at the provider) is dropped, not trusted as a key.
  rpps: z
    .string()
    .regex(/^\d{11}$/)
    .optional()
    .catch(undefined),
  profession: z.string().max(80).optional(),
  roles: z.array(z.string()).optional(),
  realm_access: z.looseObject({ roles: z.array(z.string()).optional() }).optional(),
});

export interface CompletedExchange {
  providerId: string;
  idToken: string | undefined;
  accessToken: string | undefined;
}

function joinName(given: string | undefined, family: string | undefined): string | undefined {
  const joined = [given, family].filter(Boolean).join(" ").trim();
  return joined || undefined;
}

export async function verifySignIn(exchange: CompletedExchange): Promise<NormalisedProfile> {
  const provider = findProvider(exchange.providerId);
  if (!provider) throw new SignInRejected("unknown provider");
  if (!exchange.idToken) throw new SignInRejected("no id token");
  const metadata = await providerMetadata(provider);
  let verified;
  try {
    verified = await verifyIdToken(exchange.idToken, metadata, provider.clientId);
  } catch (error) {
    throw new SignInRejected(`id token: ${errorCode(error)}`);
  }
  const claims = ZIdCaihClaims.parse(verified);
  if (provider.requiredAcr && claims.acr !== provider.requiredAcr)
    throw new SignInRejected("acr below the required level");
  const authMethods = claims.amr?.length ? claims.amr : claims.acr ? [claims.acr] : ["pwd"];

  if (provider.kind === "psc") {
    if (!exchange.accessToken) throw new SignInRejected("no access token");
    const userinfo = await fetchPscUserinfo(metadata, exchange.accessToken, provider, claims.sub);
    return {
      provider: provider.id,
      subject: claims.sub,
      displayName: joinName(userinfo.given_name, userinfo.family_name) ?? userinfo.preferred_username ?? "—",
      // PSC does not vouch for e-mail addresses: never a linking key.
      email: userinfo.email ?? null,
      emailVerified: false,
      rpps: rppsFromSubjectNameId(userinfo.SubjectNameID),
      profession: professionFromCode(userinfo.SubjectRefPro?.exercices?.[0]?.codeProfession),
      isAdmin: false,
      providerSid: claims.sid ?? null,
      authMethods: [...new Set([...authMethods, "eidas1"])],
      acr: claims.acr ?? null,
    };
  }

  const roles = [...(claims.roles ?? []), ...(claims.realm_access?.roles ?? [])];
  return {
    provider: provider.id,
    subject: claims.sub,
    displayName: claims.name ?? joinName(claims.given_name, claims.family_name) ?? claims.preferred_username ?? "—",
    email: claims.email ?? null,
    emailVerified: claims.email_verified === true,
    rpps: claims.rpps ?? null,
    profession: claims.profession ?? null,
    isAdmin: roles.includes(env().ADMIN_ROLE),
    providerSid: claims.sid ?? null,
    authMethods,
    acr: claims.acr ?? null,
  };
}
