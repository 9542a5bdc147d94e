/**
 * Collaboration under load: BENCH_DOCUMENTS (50) documents × BENCH_EDITORS (10) editors, each
 * typing 5 characters a second, on ONE server process — first the portal's collaboration server
 * (tokens checked against the database, roles, limits, every update stored in PostgreSQL before it
 * is acknowledged, compaction — every 10 s here, three times as often as in production, so that it
 * is inside the measured window), then the stock @hocuspocus/server with no extensions, no auth and
 * no persistence, with the same clients, one after the other in the same run.
 *
 * Figures per server: keystroke-to-other-editors latency p50/p99 (one observer per document times
 * every keystroke of the nine others, send to arrival), server CPU over the measured window
 * (/proc/<pid>/stat of the server process; PostgreSQL's own CPU is not counted in it, but reported
 * apart: it runs on the same cores), keystrokes sent;
 * and the portal/stock CPU ratio; the event-loop delay and garbage-collection pauses of the server
 * (server/collab/testing/loop-monitor.ts) and the event-loop delay of this client process, to tell
 * where a latency tail comes from. Aims: p99 ≤ 30 ms, ratio ≤ 1.1. Prints one JSON line.
 *
 * BENCH_SERVER=portal|stock runs one server only (no ratio); with COLLAB_NODE_ARGS="--cpu-prof
 * --cpu-prof-dir=…" that server is profiled (spawn-collab-process.ts).
 */
import { readdirSync, readFileSync } from "node:fs";
import { cpuTimeMs, descendants, installCleanup } from "@/bench/support/processes";
import { note, percentile, printResult, round, sleep } from "@/bench/support/stats";
import { BenchEditor, seedDocuments, startBenchDatabase, type SendTimes } from "@/bench/collab-support";
import { createDelayHistogram, latenessMs, type LoopReport } from "@/server/collab/testing/loop-monitor";
import { spawnCollabProcess, type CollabProcess } from "@/server/collab/testing/spawn-collab-process";

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

const DOCUMENTS = intFromEnv("BENCH_DOCUMENTS", 50, 1, 500);
const EDITORS = intFromEnv("BENCH_EDITORS", 10, 2, 50);
const CHARS_PER_SECOND = 5;
const WARMUP_MS = intFromEnv("BENCH_WARMUP_MS", 5000, 0, 60_000);
const MEASURE_MS = intFromEnv("BENCH_MEASURE_MS", 20_000, 1000, 300_000);
/**
 * The portal compacts a document being edited every 30 s; here every 10 s, so that compaction
 * (reading the journal, folding, writing the snapshot) falls inside the measured window, twice.
 */
const COMPACT_EVERY_MS = intFromEnv("BENCH_COMPACT_EVERY_MS", 10_000, 1000, 300_000);

interface RunFigures {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  samples: number;
  keystrokes: number;
  serverCpuMs: number;
  serverCpuPercent: number;
  /** CPU of PostgreSQL (all its processes) over the window: not the server's, but on the same cores. */
  databaseCpuPercent: number;
  /** CPU of this benchmark's own client process over the window: near 100 % means the figures measure the client. */
  clientCpuPercent: number;
  /** The server's event-loop delay and garbage collection over the window (loop-monitor.ts). */
  serverLoop: LoopReport;
  /** This client process's event-loop delay over the window: a keystroke is timed from the client's loop to the client's loop. */
  clientLoop: { delayP50Ms: number; delayP99Ms: number; delayMaxMs: number };
}

/**
 * CPU used so far by the benchmark's PostgreSQL (its postmaster, found by the port on its command
 * line — pg_ctl detaches it — and the backends under it): the journal's writes land there.
 */
function databaseCpuMs(databaseUrl: string): number {
  const port = new URL(databaseUrl).port;
  const postmaster = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .find((pid) => {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
        return argv[0]?.endsWith("postgres") === true && argv.includes("-p") && argv.includes(port);
      } catch {
        return false;
      }
    });
  if (postmaster === undefined) return Number.NaN;
  return [postmaster, ...descendants(postmaster).map(({ pid }) => pid)].reduce(
    (total, pid) => total + (cpuTimeMs(pid) ?? 0),
    0,
  );
}

async function runLoad(
  server: CollabProcess,
  documents: Array<{ documentId: string; tokens: string[] }>,
  databaseUrl: string,
): Promise<RunFigures> {
  const sendTimes: SendTimes = new Map();
  let measuring = false;
  const latencies: number[] = [];
  const editors: BenchEditor[] = [];
  for (const { documentId, tokens } of documents) {
    tokens.forEach((token, index) => {
      const observe = index === 0 ? (ms: number) => measuring && latencies.push(ms) : null;
      editors.push(new BenchEditor(server.origin, documentId, token, observe, sendTimes));
    });
  }
  // Connect in small groups, as people arrive.
  for (let start = 0; start < editors.length; start += 25) {
    await Promise.all(editors.slice(start, start + 25).map((editor) => editor.open()));
  }
  note(`${editors.length} editors connected to ${server.instanceId}`);
  let keystrokes = 0;
  const timers = editors.map((editor, index) => {
    // Spread the editors' keystrokes over the interval, as independent people would.
    const interval = 1000 / CHARS_PER_SECOND;
    const start = setTimeout(() => {
      timers[index] = setInterval(() => {
        editor.type(String.fromCharCode(97 + (keystrokes % 26)));
        if (measuring) keystrokes += 1;
      }, interval);
    }, Math.random() * interval);
    return start;
  });
  await sleep(WARMUP_MS);
  sendTimes.clear();
  const cpuBefore = cpuTimeMs(server.pid) ?? Number.NaN;
  const clientBefore = process.cpuUsage();
  const databaseBefore = databaseCpuMs(databaseUrl);
  await server.loopReport();
  const clientDelay = createDelayHistogram();
  clientDelay.enable();
  measuring = true;
  await sleep(MEASURE_MS);
  measuring = false;
  const cpuAfter = cpuTimeMs(server.pid) ?? Number.NaN;
  clientDelay.disable();
  const serverLoop = await server.loopReport();
  const client = process.cpuUsage(clientBefore);
  const databaseMs = databaseCpuMs(databaseUrl) - databaseBefore;
  for (const timer of timers) clearInterval(timer);
  await sleep(500);
  for (const editor of editors) editor.close();
  const serverCpuMs = cpuAfter - cpuBefore;
  return {
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    maxMs: round(Math.max(...latencies), 2),
    samples: latencies.length,
    keystrokes,
    serverCpuMs: round(serverCpuMs, 0),
    serverCpuPercent: round((serverCpuMs / MEASURE_MS) * 100, 1),
    databaseCpuPercent: round((databaseMs / MEASURE_MS) * 100, 1),
    clientCpuPercent: round(((client.user + client.system) / 1000 / MEASURE_MS) * 100, 1),
    serverLoop,
    clientLoop: {
      delayP50Ms: latenessMs(clientDelay.percentile(50)),
      delayP99Ms: latenessMs(clientDelay.percentile(99)),
      delayMaxMs: latenessMs(clientDelay.max),
    },
  };
}

async function main(): Promise<void> {
  installCleanup();
  note("starting PostgreSQL and seeding documents");
  const database = await startBenchDatabase();
  try {
    const documents = await seedDocuments(DOCUMENTS, EDITORS);
    const runPortal = async (): Promise<RunFigures> => {
      note("portal collaboration server");
      const portal = await spawnCollabProcess({
        DATABASE_URL: database.postgres.url,
        COLLAB_STORE_MAX_DEBOUNCE_MS: String(COMPACT_EVERY_MS),
      });
      try {
        return await runLoad(portal, documents, database.postgres.url);
      } finally {
        await portal.stop();
      }
    };
    const runStock = async (): Promise<RunFigures> => {
      note("stock @hocuspocus/server");
      const stock = await spawnCollabProcess({ COLLAB_MODE: "stock" });
      try {
        return await runLoad(stock, documents, database.postgres.url);
      } finally {
        await stock.stop();
      }
    };
    // One server only (profiling it: COLLAB_NODE_ARGS, spawn-collab-process.ts): no ratio.
    const only = process.env.BENCH_SERVER;
    if (only === "portal" || only === "stock") {
      const figures = only === "portal" ? await runPortal() : await runStock();
      printResult({ benchmark: "collab-load", documents: DOCUMENTS, editorsPerDocument: EDITORS, [only]: figures });
      return;
    }
    // The baseline first (BENCH_ORDER=portal-first to swap): neither run profits from the other's warm caches.
    const portalFirst = process.env.BENCH_ORDER === "portal-first";
    const stockFigures = portalFirst ? undefined : await runStock();
    const portalFigures = await runPortal();
    const baseline = stockFigures ?? (await runStock());
    printResult({
      benchmark: "collab-load",
      documents: DOCUMENTS,
      editorsPerDocument: EDITORS,
      charsPerSecondPerEditor: CHARS_PER_SECOND,
      measuredSeconds: MEASURE_MS / 1000,
      portal: portalFigures,
      stock: baseline,
      order: portalFirst ? "portal-first" : "stock-first",
      cpuRatioPortalToStock: round(portalFigures.serverCpuMs / baseline.serverCpuMs, 2),
      aims: { p99Ms: 30, cpuRatio: 1.1 },
      p99Met: portalFigures.p99Ms <= 30,
      cpuRatioMet: portalFigures.serverCpuMs / baseline.serverCpuMs <= 1.1,
    });
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  printResult({ benchmark: "collab-load", error: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
});
