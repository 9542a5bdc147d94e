/**
 * The refresh-token grant. Providers that rotate refresh tokens (Keycloak with "Revoke Refresh
 * Token", oidc-provider) return a new one each time and refuse the old: the caller must store the
 * returned token before anything else can use the old one (see server/auth/sessions.ts).
 */
import "server-only";
import { oidcFetch, OidcError } from "@/integrations/oidc/oidc-fetch";
import { ZTokenError, ZTokenResponse, type TProviderMetadata, type TTokenResponse } from "@/integrations/oidc/schemas";

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export async function refreshTokens(
  metadata: TProviderMetadata,
  client: ClientCredentials,
  refreshToken: string,
): Promise<TTokenResponse> {
  const basic = Buffer.from(
    `${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`,
  ).toString("base64");
  const response = await oidcFetch("refresh", metadata.token_endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${basic}`,
      accept: "application/json",
    },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }),
  });
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const parsed = ZTokenError.safeParse(body);
    throw new OidcError(
      `[oidc] refresh: http ${response.status}`,
      response.status,
      parsed.success ? parsed.data.error : undefined,
    );
  }
  return ZTokenResponse.parse(body);
}
