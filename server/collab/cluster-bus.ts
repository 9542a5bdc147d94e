/**
 * Messages between collaboration processes that Hocuspocus' Redis extension does not carry:
 * revocations (close a person's connections to a document in every process) and the HTTP
 * fallback's upstream messages, which a load balancer may deliver to a process other than the one
 * holding the connection's event stream (http-fallback.ts). Redis pub/sub; without REDIS_URL there
 * is one process and the bus is local.
 */
import "server-only";
import type { Logger } from "pino";
import { redisConnectionFromUrl } from "@/server/collab/collab-server";

const REVOKE_CHANNEL = "portal-collab.revoke";
const FALLBACK_CHANNEL_PREFIX = "portal-collab.fallback.";

export interface ClusterBus {
  publishRevocation(documentId: string, userId: string): Promise<void>;
  /** Sends a fallback client's messages to the process holding its stream. */
  publishFallbackMessages(instanceId: string, connectionId: string, body: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface ClusterBusHandlers {
  onRevocation(documentId: string, userId: string): void;
  onFallbackMessages(connectionId: string, body: Uint8Array): void;
}

export async function createClusterBus(
  redisUrl: string,
  instanceId: string,
  handlers: ClusterBusHandlers,
  logger: Logger,
): Promise<ClusterBus> {
  const { default: IORedis } = await import("ioredis");
  const { host, port, options } = redisConnectionFromUrl(redisUrl);
  const pub = new IORedis({ host, port, ...options, maxRetriesPerRequest: 3 });
  const sub = new IORedis({ host, port, ...options });
  const ownFallbackChannel = `${FALLBACK_CHANNEL_PREFIX}${instanceId}`;
  sub.on("messageBuffer", (channelBuffer: Buffer, message: Buffer) => {
    const channel = channelBuffer.toString("utf8");
    try {
      if (channel === REVOKE_CHANNEL) {
        const parsed = JSON.parse(message.toString("utf8")) as { documentId?: unknown; userId?: unknown };
        if (typeof parsed.documentId === "string" && typeof parsed.userId === "string")
          handlers.onRevocation(parsed.documentId, parsed.userId);
      } else if (channel === ownFallbackChannel) {
        const idLength = message[0] ?? 0;
        const connectionId = message.subarray(1, 1 + idLength).toString("utf8");
        handlers.onFallbackMessages(connectionId, new Uint8Array(message.subarray(1 + idLength)));
      }
    } catch (error: unknown) {
      logger.warn({ err: error }, "collaboration: unreadable cluster message");
    }
  });
  await sub.subscribe(REVOKE_CHANNEL, ownFallbackChannel);
  return {
    async publishRevocation(documentId, userId) {
      await pub.publish(REVOKE_CHANNEL, JSON.stringify({ documentId, userId }));
    },
    async publishFallbackMessages(targetInstance, connectionId, body) {
      const id = Buffer.from(connectionId, "utf8");
      await pub.publish(
        `${FALLBACK_CHANNEL_PREFIX}${targetInstance}`,
        Buffer.concat([Buffer.from([id.length]), id, body]),
      );
    },
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
