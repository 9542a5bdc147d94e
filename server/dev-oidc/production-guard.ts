/**
 * Refuses to run the development OpenID provider in production. It accepts a fixed password for
 * well-known accounts: reachable from a production portal, it would let anyone sign in as anyone.
 * DEV_OIDC_ALLOW_PRODUCTION=true exists for a production build run as a demo on a closed machine
 * (`npm run demo` runs the portal with NODE_ENV=production, but starts this provider itself).
 */
import "server-only";
import { ZEnv } from "@/server/env";

export class DevOidcRefusedError extends Error {
  override name = "DevOidcRefusedError";
}

/** Reads NODE_ENV and DEV_OIDC_ALLOW_PRODUCTION with the declarations of server/env.ts. */
export function assertDevOidcAllowed(source: Readonly<Record<string, string | undefined>> = process.env): void {
  const nodeEnv = ZEnv.shape.NODE_ENV.safeParse(source.NODE_ENV || undefined);
  const allow = ZEnv.shape.DEV_OIDC_ALLOW_PRODUCTION.safeParse(source.DEV_OIDC_ALLOW_PRODUCTION || undefined);
  if (!allow.success) {
    throw new DevOidcRefusedError(
      `DEV_OIDC_ALLOW_PRODUCTION must be true or false (got "${source.DEV_OIDC_ALLOW_PRODUCTION}").`,
    );
  }
  // An unknown NODE_ENV is treated as production: refuse unless explicitly allowed.
  const production = !nodeEnv.success || nodeEnv.data === "production";
  if (production && !allow.data) {
    throw new DevOidcRefusedError(
      "The development OpenID provider refuses to start with NODE_ENV=production: its demo accounts share the password " +
        '"demo". Configure a real identity provider (IDCAIH_*, PSC_*), or set DEV_OIDC_ALLOW_PRODUCTION=true for a ' +
        "closed demo machine.",
    );
  }
}
