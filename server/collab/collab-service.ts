/**
 * Starts this process's collaboration service: the Hocuspocus server (collab-server.ts), its
 * WebSocket endpoint, its HTTP fallback, and (with REDIS_URL) the bus to the other collaboration
 * processes; registers it where callers find it (collab-runtime.ts). Used by the portal's server
 * extension and, with the same code path, by the tests and benchmarks that run it in a process of
 * their own.
 */
import "server-only";
import type { Logger } from "pino";
import { createClusterBus, type ClusterBus } from "@/server/collab/cluster-bus";
import { createCollabServer, type CollabServer, type CollabServerOptions } from "@/server/collab/collab-server";
import { setCollabRuntime } from "@/server/collab/collab-runtime";
import { LIVE_DOCUMENT_OPERATIONS } from "@/server/collab/document-state";
import { createHttpFallback } from "@/server/collab/http-fallback";
import { createCollabWebSocketEndpoint } from "@/server/collab/websocket-endpoint";
import { getPortalServerState } from "@/server/http/portal-server-state";
import type { NodeRoute } from "@/server/http/node-routes";
import type { UpgradeHandler } from "@/server/http/portal-server";

export interface CollabService {
  server: CollabServer;
  upgradeHandler: UpgradeHandler;
  fallbackRoute: NodeRoute;
  stop(): Promise<void>;
}

/** Room for the framing and document name around the largest change a document may take. */
const MESSAGE_OVERHEAD_BYTES = 64 * 1024;

export async function startCollabService(options: CollabServerOptions & { logger: Logger }): Promise<CollabService> {
  const server = createCollabServer(options);
  let bus: ClusterBus | null = null;
  const maxMessageBytes = options.maxDocumentBytes + MESSAGE_OVERHEAD_BYTES;
  const fallback = createHttpFallback(server, { maxBodyBytes: maxMessageBytes, bus: () => bus });
  if (options.redisUrl) {
    bus = await createClusterBus(
      options.redisUrl,
      server.instanceId,
      {
        onRevocation: (documentId, userId) => server.disconnectUserLocally(documentId, userId),
        onFallbackMessages: (connectionId, body) => {
          try {
            fallback.deliver(connectionId, body);
          } catch (error: unknown) {
            options.logger.warn({ err: error }, "collaboration: relayed fallback messages refused");
          }
        },
      },
      options.logger,
    );
  }
  setCollabRuntime({
    server,
    bus,
    deliverFallback: (id, body) => fallback.deliver(id, body),
    documentOperations: LIVE_DOCUMENT_OPERATIONS,
  });
  const endpoint = createCollabWebSocketEndpoint(server, { maxMessageBytes });
  // The portal drains in-flight requests before its shutdown hooks run, and an event stream never
  // ends by itself: end them as soon as draining starts (1012: service restart, reconnect).
  const drainWatch = setInterval(() => {
    if (getPortalServerState().draining) fallback.closeAll(1012, "server shutting down");
  }, 250);
  drainWatch.unref();
  return {
    server,
    upgradeHandler: endpoint.handleUpgrade,
    fallbackRoute: fallback.route,
    async stop() {
      clearInterval(drainWatch);
      endpoint.closeAll(1012, "server shutting down");
      fallback.closeAll(1012, "server shutting down");
      await server.destroy();
      await bus?.close();
      setCollabRuntime(undefined);
    },
  };
}
