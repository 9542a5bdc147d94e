// Scale-out: two collaboration PROCESSES sharing one real PostgreSQL and one real Redis. An edit
// made through one reaches a client of the other (both ways); an HTTP-fallback client whose POSTs
// land on the other process (no load-balancer affinity) still edits; a revocation published on
// the bus closes the person's connection wherever it is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pino from "pino";
import * as Y from "yjs";
import { openDatabase, setDatabaseForTests } from "@/server/db/client";
import { startPostgres, type RunningPostgres } from "@/test/services/postgres";
import { startRedis, type RunningRedis } from "@/test/services/redis";
import { HttpFallbackSocket } from "@/components/documents/collab/http-fallback-socket";
import { createClusterBus } from "@/server/collab/cluster-bus";
import { spawnCollabProcess, type CollabProcess } from "@/server/collab/testing/spawn-collab-process";
import {
  connectClient,
  createTestDocument,
  createTestUser,
  tokenFor,
  waitFor,
  waitForSync,
  type TestClient,
} from "@/server/collab/testing/collab-test-server";

let postgres: RunningPostgres;
let redis: RunningRedis;
let first: CollabProcess;
let second: CollabProcess;
let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
let owner: string;
let editor: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  database = await openDatabase({ DATABASE_URL: postgres.url, PGLITE_DIR: "", DATABASE_POOL_SIZE: 4 });
  setDatabaseForTests(database);
  owner = await createTestUser("Alice");
  editor = await createTestUser("Bruno");
  [first, second] = await Promise.all([
    spawnCollabProcess({ DATABASE_URL: postgres.url, REDIS_URL: redis.url }),
    spawnCollabProcess({ DATABASE_URL: postgres.url, REDIS_URL: redis.url }),
  ]);
}, 120_000);

afterAll(async () => {
  for (const client of clients) client.destroy();
  await Promise.allSettled([first?.stop(), second?.stop()]);
  setDatabaseForTests(undefined);
  await database?.close();
  await redis?.stop();
  await postgres?.stop();
}, 60_000);

const text = (client: TestClient) => client.document.getText("t").toString();

describe("two collaboration processes with Redis", () => {
  it("relays an edit made through one process to a client of the other, both ways", async () => {
    expect(first.instanceId).not.toBe(second.instanceId);
    const documentId = await createTestDocument(owner, { [editor]: "editor" });
    const a = connectClient(first.origin, documentId, await tokenFor(owner, documentId, "owner"));
    const b = connectClient(second.origin, documentId, await tokenFor(editor, documentId, "editor"));
    clients.push(a, b);
    await Promise.all([waitForSync(a, 15_000), waitForSync(b, 15_000)]);
    a.document.getText("t").insert(0, "du premier");
    await waitFor(() => text(b) === "du premier", 5000, "first → second");
    b.document.getText("t").insert(text(b).length, ", du second");
    await waitFor(() => text(a) === "du premier, du second", 5000, "second → first");
  }, 180_000);

  it("relays a fallback client's POSTs that land on the other process", async () => {
    const documentId = await createTestDocument(owner, { [editor]: "editor" });
    const watcher = connectClient(second.origin, documentId, await tokenFor(owner, documentId, "owner"));
    clients.push(watcher);
    // The event stream is held by the first process; every POST goes to the second.
    const misrouting: typeof fetch = (input, init) => {
      const url = String(input);
      return fetch(init?.method === "POST" ? url.replace(first.origin, second.origin) : url, init);
    };
    class MisroutedFallback extends HttpFallbackSocket {
      constructor(url: string) {
        super(url, { fetch: misrouting });
      }
    }
    const fallback = connectClient(first.origin, documentId, await tokenFor(editor, documentId, "editor"), {
      WebSocketPolyfill: MisroutedFallback,
    });
    clients.push(fallback);
    await Promise.all([waitForSync(watcher, 15_000), waitForSync(fallback, 15_000)]);
    fallback.document.getText("t").insert(0, "par HTTP, via l'autre processus");
    await waitFor(() => text(watcher) === "par HTTP, via l'autre processus", 5000, "relayed fallback edit");
    await waitFor(() => !fallback.provider.hasUnsyncedChanges, 5000, "acknowledged");
  }, 180_000);

  it("closes a revoked person's connection in whichever process holds it", async () => {
    const documentId = await createTestDocument(owner, { [editor]: "editor" });
    const client = connectClient(second.origin, documentId, await tokenFor(editor, documentId, "editor"));
    clients.push(client);
    await waitForSync(client, 15_000);
    let reason = "";
    client.provider.on("close", ({ event }: { event: { reason: string } }) => {
      reason = event.reason;
    });
    const bus = await createClusterBus(
      redis.url,
      "collab-00000000-0000-4000-8000-000000000000",
      { onRevocation: () => undefined, onFallbackMessages: () => undefined },
      pino({ level: "silent" }),
    );
    try {
      await bus.publishRevocation(documentId, editor);
      await waitFor(() => reason === "access-revoked", 5000, "revocation");
    } finally {
      await bus.close();
    }
  }, 180_000);

  it("stores each change once, whichever process received it", async () => {
    const documentId = await createTestDocument(owner, { [editor]: "editor" });
    const a = connectClient(first.origin, documentId, await tokenFor(owner, documentId, "owner"));
    const b = connectClient(second.origin, documentId, await tokenFor(editor, documentId, "editor"));
    clients.push(a, b);
    await Promise.all([waitForSync(a, 15_000), waitForSync(b, 15_000)]);
    for (const char of "abc") a.document.getText("t").insert(text(a).length, char);
    await waitFor(() => text(b) === "abc" && !a.provider.hasUnsyncedChanges, 5000, "relay and store");
    const { loadPartState } = await import("@/server/collab/persistence");
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await loadPartState(documentId, "content")) ?? new Uint8Array([0, 0]));
    expect(stored.getText("t").toString()).toBe("abc");
  }, 180_000);
});
