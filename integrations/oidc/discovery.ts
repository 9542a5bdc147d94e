/**
 * Fetches and caches OpenID Provider metadata. Discovery URLs are not always standard: Pro Santé
 * Connect publishes its metadata at `.well-known/wallet-openid-configuration`, so the caller
 * passes the full URL. The `issuer` in the document must equal the configured issuer.
 */
import "server-only";
import { oidcFetch, OidcError } from "@/integrations/oidc/oidc-fetch";
import { ZProviderMetadata, type TProviderMetadata } from "@/integrations/oidc/schemas";

const CACHE_TTL_MS = 60 * 60 * 1000;
const cache = new Map<string, { at: number; metadata: Promise<TProviderMetadata> }>();

async function fetchMetadata(discoveryUrl: string, expectedIssuer: string): Promise<TProviderMetadata> {
  const response = await oidcFetch("discovery", discoveryUrl, { headers: { accept: "application/json" } });
  if (!response.ok) throw new OidcError(`[oidc] discovery: http ${response.status}`, response.status);
  const metadata = ZProviderMetadata.parse(await response.json());
  if (metadata.issuer.replace(/\/+$/, "") !== expectedIssuer.replace(/\/+$/, "")) {
    throw new OidcError("[oidc] discovery: issuer in metadata does not match the configured issuer");
  }
  return metadata;
}

export function discoverProvider(discoveryUrl: string, expectedIssuer: string): Promise<TProviderMetadata> {
  const hit = cache.get(discoveryUrl);
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.metadata;
  const metadata = fetchMetadata(discoveryUrl, expectedIssuer);
  cache.set(discoveryUrl, { at: Date.now(), metadata });
  // A failed discovery must not be cached: the provider may be back on the next sign-in.
  metadata.catch(() => cache.delete(discoveryUrl));
  return metadata;
}

export function standardDiscoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`;
}
