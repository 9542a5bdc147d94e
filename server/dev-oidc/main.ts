/**
 * Runs the development OpenID provider on its own, for working on the portal with `next dev`:
 *
 *   IDCAIH_CLIENT_SECRET=… npx tsx --conditions=react-server server/dev-oidc/main.ts
 *
 * It reads DEV_OIDC_PORT (default 3100), PORTAL_URL (default http://localhost:PORT) and the
 * client secret from IDCAIH_CLIENT_SECRET (or IDCAIH_CLIENT_SECRET_FILE); both issuers' `portal`
 * client share it, so set PSC_CLIENT_SECRET to the same value. `npm run demo` does not use this
 * file: it starts the provider in its own process.
 */
import "server-only";
import { readFileSync } from "node:fs";
import { ZEnv } from "@/server/env";
import { DEFAULT_KEYS_DIR, startDevOidc } from "@/server/dev-oidc/start-dev-oidc";

function clientSecretFromEnv(): string | undefined {
  const file = process.env.IDCAIH_CLIENT_SECRET_FILE;
  if (file) return readFileSync(file, "utf8").trim();
  return process.env.IDCAIH_CLIENT_SECRET || undefined;
}

async function main(): Promise<void> {
  const port = ZEnv.shape.DEV_OIDC_PORT.parse(process.env.DEV_OIDC_PORT || undefined);
  const portalPort = ZEnv.shape.PORT.parse(process.env.PORT || undefined);
  const portalUrl =
    ZEnv.shape.PORTAL_URL.parse(process.env.PORTAL_URL || undefined) ?? `http://localhost:${portalPort}`;
  const clientSecret = clientSecretFromEnv();
  if (!clientSecret)
    throw new Error("IDCAIH_CLIENT_SECRET is required: the secret of the `portal` client on both issuers.");

  const running = await startDevOidc({ port, portalUrl, clientSecret, keysDir: DEFAULT_KEYS_DIR });
  process.stdout.write(
    [
      "Development OpenID provider (demo accounts alice.martin, bruno.durand, chloe.admin; password demo)",
      `  ID CAIH issuer:          ${running.issuers.idcaih}`,
      `  Pro Santé Connect issuer: ${running.issuers.psc}`,
      `  PSC discovery:           ${running.pscDiscoveryUrl}`,
      `  client_id portal, redirect URIs under ${portalUrl}`,
      "",
    ].join("\n"),
  );
  const stop = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`dev-oidc: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
