import "server-only";
import { z } from "zod";

/** The parts of OpenID Provider metadata the portal relies on. */
export const ZProviderMetadata = z.object({
  issuer: z.string().min(1),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  userinfo_endpoint: z.url().optional(),
  jwks_uri: z.url(),
  end_session_endpoint: z.url().optional(),
  introspection_endpoint: z.url().optional(),
  revocation_endpoint: z.url().optional(),
});
export type TProviderMetadata = z.infer<typeof ZProviderMetadata>;

/** A token endpoint answer (authorization code or refresh grant). */
export const ZTokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.coerce.number().optional(),
  refresh_token: z.string().min(1).optional(),
  id_token: z.string().min(1).optional(),
});
export type TTokenResponse = z.infer<typeof ZTokenResponse>;

export const ZTokenError = z.object({ error: z.string(), error_description: z.string().optional() });
