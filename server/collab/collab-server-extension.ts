/**
 * The collaboration server inside the portal's own HTTP server, so `npm run demo` and `npm start`
 * serve it with no extra step: the WebSocket upgrade on `/collab…` and the HTTP fallback routes
 * under `/collab/http/` (collab-service.ts). Listed in server/http/server-extensions.ts.
 */
import "server-only";
import { startCollabService, type CollabService } from "@/server/collab/collab-service";
import { FALLBACK_PREFIX } from "@/server/collab/http-fallback";
import { AppError } from "@/server/errors";
import type { ServerExtension } from "@/server/http/server-extensions";
import { logger } from "@/server/log";

let service: CollabService | undefined;

export const collabServerExtension: ServerExtension = {
  id: "collab",
  // Routes are listed before `attach` runs; this one finds the service when a request comes.
  routes: () => [
    {
      prefix: FALLBACK_PREFIX,
      handle: async (req, res, url) => {
        if (!service) throw new AppError("NOT_CONFIGURED", { userMessage: "collaboration server not started" });
        await service.fallbackRoute.handle(req, res, url);
      },
    },
  ],
  async attach(portal, config) {
    service = await startCollabService({
      secret: config.AUTH_SECRET,
      maxDocumentBytes: config.COLLAB_MAX_DOCUMENT_BYTES,
      maxMessagesPerSecond: config.COLLAB_MAX_MESSAGES_PER_SECOND,
      redisUrl: config.REDIS_URL,
      logger: logger.child({ module: "collab" }),
    });
    portal.attachUpgradeHandler(service.upgradeHandler);
    portal.onShutdown(async () => {
      await service?.stop();
      service = undefined;
    });
  },
};
