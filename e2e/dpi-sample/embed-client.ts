/**
 * The sample vendor as the portal under test knows it: its client id, its secrets, and the
 * EMBED_CLIENTS_FILE registering it (allowed origin = the DPI's origin, webhook = its backend).
 *
 * The secrets are made up per test run (random, kept in the runner's environment so that the
 * Playwright workers, which evaluate the config again, see the same ones) and exist only on this
 * machine: the portal gets the scrypt hash of the client secret and the webhook secret; the DPI
 * sample gets both in clear, as a vendor would.
 */
import { randomBytes } from "node:crypto";
import { renameSync, writeFileSync } from "node:fs";
import { hashClientSecret } from "../../server/embed/client-secret-hash";

export const DPI_CLIENT_ID = "dpi-demo";
export const DISCHARGE_TEMPLATE_ID = "discharge-summary";

export interface DpiCredentials {
  clientSecret: string;
  webhookSecret: string;
}

export function dpiCredentials(): DpiCredentials {
  process.env.E2E_DPI_CLIENT_SECRET ??= randomBytes(24).toString("base64url");
  process.env.E2E_DPI_WEBHOOK_SECRET ??= randomBytes(32).toString("base64url");
  return { clientSecret: process.env.E2E_DPI_CLIENT_SECRET, webhookSecret: process.env.E2E_DPI_WEBHOOK_SECRET };
}

/** Writes the clients file atomically (the portal may be reading it while a worker rewrites it). */
export async function writeEmbedClientsFile(
  file: string,
  options: { dpiOrigin: string; credentials: DpiCredentials },
): Promise<void> {
  const clients = [
    {
      id: DPI_CLIENT_ID,
      name: "DPI de démonstration",
      secretHash: await hashClientSecret(options.credentials.clientSecret),
      allowedOrigins: [options.dpiOrigin],
      webhookUrl: `${options.dpiOrigin}/hooks/portal`,
      webhookSecret: options.credentials.webhookSecret,
      allowedTemplates: [DISCHARGE_TEMPLATE_ID],
      locale: "fr",
    },
  ];
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(clients, null, 2), { mode: 0o600 });
  renameSync(temporary, file);
}
