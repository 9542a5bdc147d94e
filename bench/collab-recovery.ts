/**
 * SIGKILL recovery: the collaboration process (portal's, with PostgreSQL) is killed without warning
 * while an editor (official provider) types 100 characters a second, and restarted on the same
 * port; BENCH_ROUNDS (3) times. Figures per round and worst case: acknowledged characters lost
 * (aim 0: an update is acknowledged only once stored), time from the restarted process listening to
 * the editor being back in sync with nothing unacknowledged (aim ≤ 3 s), and the process restart
 * time itself (start of a Node process with the collaboration server). Prints one JSON line.
 */
import { installCleanup } from "@/bench/support/processes";
import { note, printResult, round, sleep } from "@/bench/support/stats";
import {
  createTestDocument,
  createTestUser,
  connectClient,
  tokenFor,
  waitFor,
  waitForSync,
} from "@/server/collab/testing/collab-test-server";
import { spawnCollabProcess, type CollabProcess } from "@/server/collab/testing/spawn-collab-process";
import { startBenchDatabase } from "@/bench/collab-support";

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

const ROUNDS = intFromEnv("BENCH_ROUNDS", 3, 1, 20);

interface Round {
  acknowledgedAtKill: number;
  lostAcknowledged: number;
  restartMs: number;
  resyncAfterRestartMs: number;
}

async function main(): Promise<void> {
  installCleanup();
  const database = await startBenchDatabase();
  let server: CollabProcess | undefined;
  try {
    const owner = await createTestUser("Alice");
    const documentId = await createTestDocument(owner);
    const token = await tokenFor(owner, documentId, "owner");
    server = await spawnCollabProcess({ DATABASE_URL: database.postgres.url });
    const port = new URL(server.origin).port;
    const typist = connectClient(server.origin, documentId, token);
    const text = () => typist.document.getText("t").toString();
    await waitForSync(typist, 30_000);
    let acknowledged = "";
    typist.provider.on("unsyncedChanges", ({ number }: { number: number }) => {
      if (number === 0) acknowledged = text();
    });
    const rounds: Round[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const typing = setInterval(() => typist.document.getText("t").insert(text().length, "k"), 10);
      await sleep(2000);
      server.child.kill("SIGKILL");
      await server.exited;
      const acknowledgedAtKill = acknowledged;
      await sleep(300);
      clearInterval(typing);
      const spawnedAt = performance.now();
      server = await spawnCollabProcess({ DATABASE_URL: database.postgres.url, COLLAB_PORT: port });
      const readyAt = performance.now();
      await waitFor(() => typist.provider.isSynced && !typist.provider.hasUnsyncedChanges, 30_000, "resync");
      const resyncedAt = performance.now();
      const reader = connectClient(server.origin, documentId, token);
      await waitForSync(reader, 30_000);
      const recovered = reader.document.getText("t").toString();
      reader.destroy();
      const lost = recovered.startsWith(acknowledgedAtKill) ? 0 : acknowledgedAtKill.length;
      rounds.push({
        acknowledgedAtKill: acknowledgedAtKill.length,
        lostAcknowledged: lost,
        restartMs: round2(readyAt - spawnedAt),
        resyncAfterRestartMs: round2(resyncedAt - readyAt),
      });
      note(`round ${round + 1}: lost ${lost}, resync ${round2(resyncedAt - readyAt)} ms after restart`);
    }
    typist.destroy();
    const worstResync = Math.max(...rounds.map((item) => item.resyncAfterRestartMs));
    const lostTotal = rounds.reduce((sum, item) => sum + item.lostAcknowledged, 0);
    printResult({
      benchmark: "collab-recovery",
      rounds,
      lostAcknowledgedTotal: lostTotal,
      worstResyncAfterRestartMs: worstResync,
      worstRestartMs: Math.max(...rounds.map((item) => item.restartMs)),
      aims: { lostAcknowledged: 0, resyncMs: 3000 },
      met: lostTotal === 0 && worstResync <= 3000,
    });
  } finally {
    await server?.stop();
    await database.close();
  }
}

function round2(value: number): number {
  return round(value, 0);
}

main().catch((error: unknown) => {
  printResult({ benchmark: "collab-recovery", error: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
});
