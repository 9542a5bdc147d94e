/**
 * The identity providers this portal is configured with, from the environment only:
 * - `idcaih`: ID CAIH, a Keycloak realm (standard discovery, JSON userinfo);
 * - `psc`: Pro Santé Connect (non-standard discovery path, authorize on the wallet host as its
 *   metadata says, `acr_values=eidas1`, userinfo as a signed JWT).
 * The demo points both slots at the embedded development provider.
 */
import "server-only";
import { env, type TEnv } from "@/server/env";
import { discoverProvider, standardDiscoveryUrl } from "@/integrations/oidc/discovery";
import type { TProviderMetadata } from "@/integrations/oidc/schemas";

export type ProviderKind = "idcaih" | "psc";

export interface ConfiguredProvider {
  id: ProviderKind;
  kind: ProviderKind;
  label: string;
  issuer: string;
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** Extra authorization request parameters. */
  authorizationParams: Record<string, string>;
  /** The acr value the ID token must carry, if any. */
  requiredAcr: string | null;
}

export function configuredProviders(config: TEnv = env()): ConfiguredProvider[] {
  const providers: ConfiguredProvider[] = [];
  if (config.IDCAIH_ISSUER && config.IDCAIH_CLIENT_ID && config.IDCAIH_CLIENT_SECRET) {
    providers.push({
      id: "idcaih",
      kind: "idcaih",
      label: config.IDCAIH_LABEL,
      issuer: config.IDCAIH_ISSUER,
      discoveryUrl: standardDiscoveryUrl(config.IDCAIH_ISSUER),
      clientId: config.IDCAIH_CLIENT_ID,
      clientSecret: config.IDCAIH_CLIENT_SECRET,
      scope: "openid profile email",
      authorizationParams: config.IDCAIH_IDP_HINT ? { kc_idp_hint: config.IDCAIH_IDP_HINT } : {},
      requiredAcr: null,
    });
  }
  if (config.PSC_ISSUER && config.PSC_CLIENT_ID && config.PSC_CLIENT_SECRET) {
    providers.push({
      id: "psc",
      kind: "psc",
      label: "Pro Santé Connect",
      issuer: config.PSC_ISSUER,
      discoveryUrl: config.PSC_DISCOVERY_URL ?? `${config.PSC_ISSUER}/.well-known/wallet-openid-configuration`,
      clientId: config.PSC_CLIENT_ID,
      clientSecret: config.PSC_CLIENT_SECRET,
      scope: config.PSC_SCOPE,
      authorizationParams: { acr_values: "eidas1" },
      requiredAcr: "eidas1",
    });
  }
  return providers;
}

export function findProvider(id: string, config: TEnv = env()): ConfiguredProvider | undefined {
  return configuredProviders(config).find((provider) => provider.id === id);
}

export function findProviderByIssuer(issuer: string, config: TEnv = env()): ConfiguredProvider | undefined {
  const normalised = issuer.replace(/\/+$/, "");
  return configuredProviders(config).find((provider) => provider.issuer === normalised);
}

export function providerMetadata(provider: ConfiguredProvider): Promise<TProviderMetadata> {
  return discoverProvider(provider.discoveryUrl, provider.issuer);
}

/** What the sign-in page shows: one button per provider. */
export async function listSignInProviders(): Promise<Array<{ id: string; label: string; kind: ProviderKind }>> {
  return configuredProviders().map(({ id, label, kind }) => ({ id, label, kind }));
}
