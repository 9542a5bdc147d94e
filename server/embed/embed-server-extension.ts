/**
 * The embedding module inside the portal's own HTTP server: the public API under /api/embed/v1/
 * (a node route: embed-api-route.ts) and the webhook delivery worker, started with the server and
 * stopped at shutdown. The clients file is validated here at start, so a broken EMBED_CLIENTS_FILE
 * stops the process with a message naming the entry and the field (like a bad variable).
 * Listed in server/http/server-extensions.ts.
 */
import "server-only";
import type { ServerExtension } from "@/server/http/server-extensions";
import { embedApiRoute } from "@/server/embed/api/embed-api-route";
import { embedClients } from "@/server/embed/clients";
import { WebhookDeliveryWorker } from "@/server/embed/webhooks/delivery-worker";

export const embedServerExtension: ServerExtension = {
  id: "embed",
  routes: () => [embedApiRoute],
  attach(portal, config) {
    if (config.EMBED_CLIENTS_FILE === undefined) return;
    embedClients();
    const worker = new WebhookDeliveryWorker({
      timeoutMs: config.EMBED_WEBHOOK_TIMEOUT_MS,
      maxAttempts: config.EMBED_WEBHOOK_MAX_ATTEMPTS,
    });
    worker.start();
    portal.onShutdown(() => worker.stop());
  },
};
