// SIGKILL while someone types: the collaboration process is killed without warning, restarted on
// the same port, and (1) every change the server had acknowledged is in the database and in the
// restarted server's document, (2) the typing client is back in sync within 3 seconds of the
// restart, with the changes it made during the outage merged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, setDatabaseForTests } from "@/server/db/client";
import { startPostgres, type RunningPostgres } from "@/test/services/postgres";
import { spawnCollabProcess, type CollabProcess } from "@/server/collab/testing/spawn-collab-process";
import {
  connectClient,
  createTestDocument,
  createTestUser,
  tokenFor,
  waitFor,
  waitForSync,
} from "@/server/collab/testing/collab-test-server";

let postgres: RunningPostgres;
let database: Awaited<ReturnType<typeof openDatabase>> | undefined;
let server: CollabProcess | undefined;

beforeAll(async () => {
  postgres = await startPostgres();
  database = await openDatabase({ DATABASE_URL: postgres.url, PGLITE_DIR: "", DATABASE_POOL_SIZE: 4 });
  setDatabaseForTests(database);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  setDatabaseForTests(undefined);
  await database?.close();
  await postgres?.stop();
}, 60_000);

describe("crash recovery", () => {
  it("loses no acknowledged change to a SIGKILL and resyncs the client within 3 s", async () => {
    const owner = await createTestUser("Alice");
    const documentId = await createTestDocument(owner);
    server = await spawnCollabProcess({ DATABASE_URL: postgres.url });
    const port = new URL(server.origin).port;
    const token = await tokenFor(owner, documentId, "owner");
    const typist = connectClient(server.origin, documentId, token);
    const text = () => typist.document.getText("t").toString();
    try {
      await waitForSync(typist, 15_000);
      // Everything typed so far is acknowledged each time the count of unacknowledged changes is 0.
      let acknowledged = "";
      typist.provider.on("unsyncedChanges", ({ number }: { number: number }) => {
        if (number === 0) acknowledged = text();
      });
      let typed = 0;
      const typing = setInterval(() => {
        typist.document.getText("t").insert(text().length, String.fromCharCode(97 + (typed % 26)));
        typed += 1;
      }, 10);
      await waitFor(() => acknowledged.length >= 100, 10_000, "100 acknowledged characters");
      server.child.kill("SIGKILL");
      await server.exited;
      const acknowledgedAtKill = acknowledged;
      // Keep typing through the outage: these changes must arrive after the restart.
      await new Promise((resolve) => setTimeout(resolve, 300));
      clearInterval(typing);
      const typedDuringOutage = text();

      server = await spawnCollabProcess({ DATABASE_URL: postgres.url, COLLAB_PORT: port });
      const restartedAt = Date.now();
      await waitFor(
        () => typist.provider.isSynced && !typist.provider.hasUnsyncedChanges,
        3000,
        "typist back in sync within 3 s",
      );
      const resyncMs = Date.now() - restartedAt;

      const reader = connectClient(server.origin, documentId, token);
      try {
        await waitForSync(reader, 15_000);
        const recovered = reader.document.getText("t").toString();
        expect(recovered.startsWith(acknowledgedAtKill)).toBe(true);
        expect(recovered).toBe(typedDuringOutage);
      } finally {
        reader.destroy();
      }
      expect(acknowledgedAtKill.length).toBeGreaterThanOrEqual(100);
      expect(resyncMs).toBeLessThan(3000);
    } finally {
      typist.destroy();
    }
  }, 180_000);
});
