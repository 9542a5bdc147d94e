/**
 * RP-initiated logout: the provider's end_session_endpoint with the ID token as a hint, so the
 * person is signed out of the identity provider too (a shared workstation must not keep an SSO
 * session that signs the next person in as them).
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { portalUrl } from "@/server/env";
import { findProvider, providerMetadata } from "@/server/auth/providers";

export const POST_LOGOUT_PATH = "/auth/signed-out";

export async function buildEndSessionUrl(providerId: string, idToken: string | null): Promise<string | null> {
  const provider = findProvider(providerId);
  if (!provider) return null;
  const metadata = await providerMetadata(provider).catch(() => null);
  if (!metadata?.end_session_endpoint) return null;
  const url = new URL(metadata.end_session_endpoint);
  if (idToken) url.searchParams.set("id_token_hint", idToken);
  url.searchParams.set("client_id", provider.clientId);
  url.searchParams.set("post_logout_redirect_uri", `${portalUrl()}${POST_LOGOUT_PATH}`);
  url.searchParams.set("state", randomBytes(12).toString("base64url"));
  return url.toString();
}
