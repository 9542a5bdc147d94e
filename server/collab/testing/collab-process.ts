/**
 * A collaboration server in a process of its own, for the tests and benchmarks that need real
 * processes (two processes sharing documents through Redis; SIGKILL while people type; server CPU
 * measured apart from the clients). Configuration from the environment:
 *
 *   DATABASE_URL   PostgreSQL shared by the processes (required unless COLLAB_MODE=stock)
 *   REDIS_URL      optional: scale-out through Redis
 *   AUTH_SECRET    collaboration token key (default: the tests' secret)
 *   COLLAB_MODE    "portal" (default) or "stock": @hocuspocus/server with no extensions, no auth,
 *                  no persistence — the benchmark's baseline
 *   COLLAB_PORT    port (default: a free one)
 *   COLLAB_STORE_DEBOUNCE_MS, COLLAB_STORE_MAX_DEBOUNCE_MS
 *                  when a changed document is compacted (defaults: collab-server.ts, 5 s and 30 s)
 *   COLLAB_JOURNAL_WINDOW_MS  how long an update waits for others to share its INSERT (collab-server.ts)
 *
 * Prints `READY <origin> <instanceId>` once it listens; SIGUSR2 prints `LOOP <json>` (event-loop
 * delay and garbage collection since the last report, loop-monitor.ts).
 */
import "@/server/http/allow-server-only";
import { Server } from "@hocuspocus/server";
import { installLoopMonitor } from "@/server/collab/testing/loop-monitor";

installLoopMonitor();

const mode = process.env.COLLAB_MODE ?? "portal";
const port = Number(process.env.COLLAB_PORT ?? "0");

if (mode === "stock") {
  const server = new Server({ port, address: "127.0.0.1", quiet: true, stopOnSignals: true });
  await server.listen();
  process.stdout.write(`READY http://127.0.0.1:${server.address.port} stock\n`);
} else {
  const { openDatabase, setDatabaseForTests } = await import("@/server/db/client");
  const { startTestCollabServer, TEST_SECRET } = await import("@/server/collab/testing/collab-test-server");
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is required");
  setDatabaseForTests(await openDatabase({ DATABASE_URL: url, PGLITE_DIR: "", DATABASE_POOL_SIZE: 8 }));
  const server = await startTestCollabServer({
    secret: process.env.AUTH_SECRET ?? TEST_SECRET,
    redisUrl: process.env.REDIS_URL || undefined,
    ...(process.env.COLLAB_MAX_DOCUMENT_BYTES
      ? { maxDocumentBytes: Number(process.env.COLLAB_MAX_DOCUMENT_BYTES) }
      : {}),
    ...(process.env.COLLAB_STORE_DEBOUNCE_MS ? { storeDebounceMs: Number(process.env.COLLAB_STORE_DEBOUNCE_MS) } : {}),
    ...(process.env.COLLAB_STORE_MAX_DEBOUNCE_MS
      ? { storeMaxDebounceMs: Number(process.env.COLLAB_STORE_MAX_DEBOUNCE_MS) }
      : {}),
    ...(process.env.COLLAB_JOURNAL_WINDOW_MS
      ? { journalBatchWindowMs: Number(process.env.COLLAB_JOURNAL_WINDOW_MS) }
      : {}),
    ...(process.env.COLLAB_MAX_MESSAGES_PER_SECOND
      ? { maxMessagesPerSecond: Number(process.env.COLLAB_MAX_MESSAGES_PER_SECOND) }
      : {}),
    port,
  });
  const stop = () => {
    void server.stop().finally(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  process.stdout.write(`READY ${server.origin} ${server.service.server.instanceId}\n`);
}
