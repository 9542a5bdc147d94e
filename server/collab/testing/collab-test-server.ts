/**
 * Test support: the collaboration service (the same code the portal's server extension starts) on
 * a plain HTTP server on 127.0.0.1 and a free port, with the WebSocket endpoint and the HTTP
 * fallback routes; plus the rows a document needs (users, document, members) and providers from
 * the official @hocuspocus/provider on Node's own WebSocket.
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import pino from "pino";
import * as Y from "yjs";
import { issueCollabToken } from "@/server/collab/collab-token";
import { startCollabService, type CollabService } from "@/server/collab/collab-service";
import type { CollabServerOptions } from "@/server/collab/collab-server";
import { db } from "@/server/db/client";
import { users } from "@/server/db/schema";
import { documentMembers, documents, type DocumentRole } from "@/server/documents/schema";
import { createNodeRouteDispatcher } from "@/server/http/node-routes";

export const TEST_SECRET = "collab-test-secret-0123456789abcdef0123456789";

export interface TestCollabServer {
  origin: string;
  service: CollabService;
  stop(): Promise<void>;
}

export async function startTestCollabServer(
  options: Partial<CollabServerOptions> & { refuseWebSockets?: boolean; port?: number } = {},
): Promise<TestCollabServer> {
  const { refuseWebSockets, port: requestedPort = 0, ...serviceOptions } = options;
  const service = await startCollabService({
    secret: TEST_SECRET,
    maxDocumentBytes: 10 * 1024 * 1024,
    maxMessagesPerSecond: 1000,
    logger: pino({ level: "silent" }),
    ...serviceOptions,
  });
  const dispatch = createNodeRouteDispatcher([service.fallbackRoute], async (_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const http = createServer((req, res) => void dispatch(req, res));
  http.on("upgrade", (req, socket, head) => {
    // A hospital proxy that blocks WebSockets answers the upgrade with an error.
    if (refuseWebSockets) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    void Promise.resolve(service.upgradeHandler(req, socket, head)).then((taken) => {
      if (!taken) socket.destroy();
    });
  });
  await new Promise<void>((resolve) => http.listen(requestedPort, "127.0.0.1", resolve));
  const { port } = http.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    service,
    async stop() {
      await service.stop();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** A user row; returns its id. */
export async function createTestUser(displayName: string): Promise<string> {
  const [row] = await (await db()).insert(users).values({ displayName }).returning({ id: users.id });
  if (!row) throw new Error("user insert returned no row");
  return row.id;
}

/** A document owned by `ownerId`, shared with the given members. */
export async function createTestDocument(ownerId: string, members: Record<string, DocumentRole> = {}): Promise<string> {
  const database = await db();
  const [row] = await database.insert(documents).values({ title: "Test", ownerId }).returning({ id: documents.id });
  if (!row) throw new Error("document insert returned no row");
  const documentId = row.id;
  await database
    .insert(documentMembers)
    .values([
      { documentId, userId: ownerId, role: "owner" as const },
      ...Object.entries(members).map(([userId, role]) => ({ documentId, userId, role })),
    ]);
  return documentId;
}

export async function tokenFor(userId: string, documentId: string, role: DocumentRole): Promise<string> {
  const { token } = await issueCollabToken(
    { userId, displayName: `user ${userId.slice(0, 4)}`, documentId, role, linkId: null },
    { secret: TEST_SECRET, ttlSeconds: 300 },
  );
  return token;
}

export interface TestClient {
  document: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  destroy(): void;
}

/** An official provider for `name` (a document id, or `<id>.comments`) over a WebSocket. */
export function connectClient(
  origin: string,
  name: string,
  token: string | (() => Promise<string>),
  options: { WebSocketPolyfill?: unknown; document?: Y.Doc } = {},
): TestClient {
  const documentId = name.split(".")[0] ?? name;
  const socket = new HocuspocusProviderWebsocket({
    url: `${origin.replace(/^http/, "ws")}/collab/${documentId}`,
    WebSocketPolyfill: options.WebSocketPolyfill ?? WebSocket,
    delay: 100,
    minDelay: 100,
    maxDelay: 500,
  });
  const document = options.document ?? new Y.Doc();
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document, token });
  provider.attach();
  return {
    document,
    provider,
    socket,
    destroy() {
      provider.destroy();
      socket.destroy();
    },
  };
}

/**
 * How much longer than asked the convergence waits below may take under CI. These tests prove that
 * edits arrive (correctness); how fast they arrive is measured by the benchmarks on a quiet
 * machine. A shared CI runner at load 15 once needed more than 5 s to relay one edit between two
 * processes, which failed the run without any defect, hence the factor (TEST_WAIT_SCALE to change).
 */
const WAIT_SCALE = Number(process.env.TEST_WAIT_SCALE ?? (process.env.CI ? 4 : 1)) || 1;

/** Resolves when `check` holds, polling every 10 ms; rejects after `timeoutMs` (scaled under CI). */
export async function waitFor(check: () => boolean, timeoutMs = 5000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs * WAIT_SCALE;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function waitForSync(client: TestClient, timeoutMs = 5000): Promise<void> {
  return waitFor(() => client.provider.isSynced, timeoutMs, "initial sync");
}

export const randomName = (): string => randomUUID();
