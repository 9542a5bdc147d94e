/**
 * The collaboration server: one Hocuspocus instance (Yjs sync over the Hocuspocus protocol —
 * never reimplemented here) with the portal's extensions, fed by transports (websocket-endpoint.ts,
 * http-fallback.ts) through `connect`.
 *
 * Extensions, in the order Hocuspocus runs them: Redis (when REDIS_URL is set: relays changes and
 * presence between collaboration processes, and lets one process at a time store a document),
 * authentication and roles, token lifetime (fresh tokens on open connections, access re-checked
 * at each expiry), the size limit, persistence. Nothing is kept in this process that
 * another process would need: documents are state in PostgreSQL, relayed through Redis.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { Hocuspocus, type WebSocketLike } from "@hocuspocus/server";
import { Redis as RedisExtension } from "@hocuspocus/extension-redis";
import type { Logger } from "pino";
import { createAuthExtension } from "@/server/collab/auth-extension";
import { createTokenLifetimeExtension } from "@/server/collab/token-lifetime-extension";
import { COLLAB_CLOSE_CODES, COLLAB_REFUSALS, type CollabContext } from "@/server/collab/collab-context";
import { RATE_LIMIT_CLOSE, durableAckSocket, messageRateGate } from "@/server/collab/client-socket";
import { documentName } from "@/server/collab/document-names";
import { createLimitsExtension } from "@/server/collab/limits-extension";
import { appendUpdatesSkippingPurged } from "@/server/collab/persistence";
import { createPersistenceExtension } from "@/server/collab/persistence-extension";
import { createUpdateJournal, type UpdateJournal } from "@/server/collab/update-journal";

export interface CollabServerOptions {
  /** AUTH_SECRET: the collaboration token key is derived from it. */
  secret: string;
  maxDocumentBytes: number;
  maxMessagesPerSecond: number;
  redisUrl?: string;
  logger: Logger;
  /** Automatic versions are at least this far apart while people edit (default 10 minutes). */
  autoVersionIntervalMs?: number;
  /** Delay before a changed document is compacted (the journal already made every change durable). */
  storeDebounceMs?: number;
  storeMaxDebounceMs?: number;
  /** How long an update waits for others to share its INSERT (default 5 ms; delays acknowledgements only). */
  journalBatchWindowMs?: number;
}

/** A client connection as its transport drives it. */
export interface CollabConnection {
  /** A binary message from the client. */
  receive(data: Uint8Array): void;
  /** The transport closed. */
  closed(code?: number, reason?: string): void;
}

export interface CollabServer {
  /** Identifies this process among collaboration processes (Redis channels, fallback routing). */
  instanceId: string;
  hocuspocus: Hocuspocus<CollabContext>;
  journal: UpdateJournal;
  connect(transport: WebSocketLike, request: Request): CollabConnection;
  /**
   * Closes a person's connections to a document (both parts) in this process; returns how many.
   * `userId` "*" closes everyone's (the document was deleted); "link:<linkId>" closes the
   * connections whose role came from that share link (it was revoked).
   */
  disconnectUserLocally(documentId: string, userId: string): number;
  destroy(): Promise<void>;
}

export function createCollabServer(options: CollabServerOptions): CollabServer {
  const { logger } = options;
  const instanceId = `collab-${randomUUID()}`;
  const journal = createUpdateJournal(
    appendUpdatesSkippingPurged,
    (error) => logger.error({ err: error }, "collaboration: storing updates failed"),
    options.journalBatchWindowMs ?? 5,
  );
  const persistence = createPersistenceExtension({
    journal,
    autoVersionIntervalMs: options.autoVersionIntervalMs ?? 10 * 60_000,
    onError: (error) => logger.error({ err: error }, "collaboration: storing a document failed"),
  });
  const redisUrl = options.redisUrl;
  const redis = redisUrl
    ? new RedisExtension({
        identifier: instanceId,
        prefix: "portal-collab",
        ...redisConnectionFromUrl(redisUrl),
      })
    : null;

  const hocuspocus = new Hocuspocus<CollabContext>({
    name: instanceId,
    quiet: true,
    debounce: options.storeDebounceMs ?? 5_000,
    maxDebounce: options.storeMaxDebounceMs ?? 30_000,
    extensions: [
      ...(redis ? [redis] : []),
      createAuthExtension({ secret: options.secret }),
      createTokenLifetimeExtension({
        secret: options.secret,
        onError: (error) => logger.error({ err: error }, "collaboration: re-checking access at token expiry failed"),
      }),
      createLimitsExtension({
        maxDocumentBytes: options.maxDocumentBytes,
        approximateSize: (name) => persistence.approximateSize(name),
      }),
      persistence,
    ],
  });

  return {
    instanceId,
    hocuspocus,
    journal,
    connect(transport, request) {
      const admit = messageRateGate(options.maxMessagesPerSecond);
      const client = hocuspocus.handleConnection(durableAckSocket(transport, journal), request);
      let over = false;
      return {
        receive(data) {
          if (over) return;
          if (!admit()) {
            over = true;
            transport.close(RATE_LIMIT_CLOSE.code, RATE_LIMIT_CLOSE.reason);
            return;
          }
          client.handleMessage(data);
        },
        closed(code, reason) {
          client.handleClose({ code: code ?? 1000, reason: reason ?? "" });
        },
      };
    },
    disconnectUserLocally(documentId, userId) {
      let closed = 0;
      const reason = COLLAB_REFUSALS.accessRevoked;
      for (const name of [documentName(documentId, "content"), documentName(documentId, "comments")]) {
        const document = hocuspocus.documents.get(name);
        if (!document) continue;
        for (const connection of document.getConnections()) {
          const context = connection.context as Partial<CollabContext>;
          const matches =
            userId === "*" ||
            context.userId === userId ||
            (userId.startsWith("link:") && context.linkId === userId.slice("link:".length));
          if (!matches) continue;
          connection.close({ code: COLLAB_CLOSE_CODES[reason], reason });
          closed += 1;
        }
      }
      return closed;
    },
    async destroy() {
      hocuspocus.closeConnections();
      hocuspocus.flushPendingStores();
      await journal.flush();
      const deadline = Date.now() + 5000;
      while (hocuspocus.getDocumentsCount() > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await hocuspocus.hooks("onDestroy", { instance: hocuspocus });
    },
  };
}

/** Host, port and options for ioredis from a redis:// or rediss:// URL (password, user, database, TLS). */
export function redisConnectionFromUrl(url: string): {
  host: string;
  port: number;
  options: { username?: string; password?: string; db?: number; tls?: object };
} {
  const parsed = new URL(url);
  const database = Number(parsed.pathname.replace(/^\//, "") || "0");
  return {
    host: parsed.hostname,
    port: Number(parsed.port || "6379"),
    options: {
      ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
      ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
      ...(Number.isInteger(database) && database > 0 ? { db: database } : {}),
      ...(parsed.protocol === "rediss:" ? { tls: {} } : {}),
    },
  };
}
