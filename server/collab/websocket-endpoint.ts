/**
 * The collaboration WebSocket endpoint: `/collab` or `/collab/<documentId>` on the portal's own
 * origin, upgraded by the portal's HTTP server (portal.attachUpgradeHandler). The document id in
 * the path is for load balancers that partition documents across processes by hashing it (the
 * client always puts it there); the server authorises each document by its token, not the path.
 *
 * The WebSocket library is the one Hocuspocus' own server uses (crossws over ws), wired the same
 * way, so the benchmark compares like with like.
 */
import "server-only";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import crossws from "crossws/adapters/node";
import type { WebSocketLike } from "@hocuspocus/server";
import type { CollabConnection, CollabServer } from "@/server/collab/collab-server";
import type { UpgradeHandler } from "@/server/http/portal-server";

const PATH_PATTERN = /^\/collab(?:\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?\/?$/;

export function isCollabWebSocketPath(pathname: string): boolean {
  return PATH_PATTERN.test(pathname);
}

export interface CollabWebSocketEndpoint {
  handleUpgrade: UpgradeHandler;
  /** Closes every WebSocket (shutdown: clients reconnect, to another process if there is one). */
  closeAll(code: number, reason: string): void;
}

export function createCollabWebSocketEndpoint(
  server: CollabServer,
  options: { maxMessageBytes: number },
): CollabWebSocketEndpoint {
  const connections = new WeakMap<object, CollabConnection>();
  const ws = crossws({
    serverOptions: { maxPayload: options.maxMessageBytes },
    hooks: {
      open(peer) {
        const connection = server.connect(peer.websocket as unknown as WebSocketLike, peer.request as Request);
        connections.set(peer, connection);
      },
      message(peer, message) {
        connections.get(peer)?.receive(message.uint8Array());
      },
      close(peer, event) {
        connections.get(peer)?.closed(event.code, event.reason);
        connections.delete(peer);
      },
    },
  });
  return {
    handleUpgrade: async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const pathname = new URL(req.url ?? "/", "http://portal.invalid").pathname;
      if (!isCollabWebSocketPath(pathname)) return false;
      await ws.handleUpgrade(req, socket, head);
      return true;
    },
    closeAll: (code, reason) => ws.closeAll(code, reason, false),
  };
}
