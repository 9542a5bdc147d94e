// Next.js configuration. The environment is validated here when a server starts (not during
// `next build`, which runs where production secrets are not available), so a bad variable stops
// `next start` with a message that names it.
import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER, PHASE_PRODUCTION_SERVER } from "next/constants";
import { nextDistDir, parseEnv } from "./server/env";
import { securityHeaderRules } from "./server/http/security-headers";

export default function config(phase: string): NextConfig {
  if (phase === PHASE_PRODUCTION_SERVER || phase === PHASE_DEVELOPMENT_SERVER) parseEnv(process.env);
  return {
    reactStrictMode: true,
    distDir: nextDistDir(),
    poweredByHeader: false,
    // Native or WebAssembly packages are loaded by Node at run time, not bundled.
    serverExternalPackages: ["@electric-sql/pglite", "pg", "pino", "prom-client", "oidc-provider"],
    typedRoutes: false,
    // Headers every response carries, static files included; the CSP with its nonce is set per
    // request by proxy.ts (the embed pages: no X-Frame-Options, see securityHeaderRules).
    headers: async () => securityHeaderRules(),
  };
}
