/**
 * Registers a vendor: prints a new EMBED_CLIENTS_FILE entry (with the scrypt hash of a freshly
 * generated client secret and a fresh webhook secret) and, once, the client secret to hand to the
 * vendor. The portal never stores the client secret itself.
 *
 *   npm run embed:client -- --id dpi-demo --name "DPI de démonstration" \
 *     --origin https://dpi.example --webhook-url https://dpi.example/hooks/portal \
 *     --template discharge-summary
 *
 * Runs with tsx outside the portal (no configuration needed). Add the printed entry to the JSON
 * array of EMBED_CLIENTS_FILE; the portal picks up the change without a restart.
 */
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { hashClientSecret } from "@/server/embed/client-secret-hash";

const { values } = parseArgs({
  options: {
    id: { type: "string" },
    name: { type: "string" },
    origin: { type: "string", multiple: true },
    "webhook-url": { type: "string" },
    template: { type: "string", multiple: true },
    locale: { type: "string" },
  },
  strict: true,
});

if (!values.id || !values.origin?.length) {
  process.stderr.write(
    "usage: npm run embed:client -- --id <id> --origin <https://dpi.example> [--name …] [--webhook-url …] [--template …] [--locale fr|en]\n",
  );
  process.exit(2);
}

const secret = randomBytes(32).toString("base64url");
const entry = {
  id: values.id,
  name: values.name ?? values.id,
  secretHash: await hashClientSecret(secret),
  allowedOrigins: values.origin,
  ...(values["webhook-url"]
    ? { webhookUrl: values["webhook-url"], webhookSecret: randomBytes(32).toString("base64url") }
    : {}),
  allowedTemplates: values.template ?? [],
  ...(values.locale ? { locale: values.locale } : {}),
};

process.stdout.write(`${JSON.stringify(entry, null, 2)}\n`);
process.stderr.write(`\nclient_id: ${values.id}\nclient_secret (give it to the vendor, it is not stored): ${secret}\n`);
if (entry.webhookSecret)
  process.stderr.write(`webhook secret (give it to the vendor for signature checks): ${entry.webhookSecret}\n`);
