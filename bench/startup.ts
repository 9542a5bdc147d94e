/**
 * Start-up time: from spawning `npm run demo` (existing `next build`, empty database in a fresh
 * temporary folder, its own free ports) to the first 200 of GET /api/ready, and to the first 200
 * of GET /api/health. The reference floor, measured alternately in the same run (A B A B…):
 * `next start` on the same build to its first 200 of GET /api/health (and to its "Ready in" line).
 * That floor includes the app's instrumentation hook, which opens and migrates the embedded
 * database before the first request, as the portal server does; the demo adds npm, tsx, its
 * secrets, the build-staleness scan, the development OpenID provider and the portal's own server.
 *
 * Environment: BENCH_STARTUP_RUNS (3). Prints one JSON line with medians.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, pollFor200 } from "@/bench/support/http";
import { installCleanup, startProcess, stopAll } from "@/bench/support/processes";
import { ensureBuild, projectDir, spawnDemo } from "@/bench/support/stack";
import { median, note, printResult, round, sleep } from "@/bench/support/stats";

const RUNS = (() => {
  const value = Number(process.env.BENCH_STARTUP_RUNS);
  return Number.isInteger(value) && value >= 1 && value <= 10 ? value : 3;
})();
const READY_TIMEOUT_MS = 120_000;

interface DemoRun {
  health_ms: number;
  ready_ms: number;
  /** What /api/ready reported for the database on its first 200 (its own open time, cold). */
  database_ms: number | null;
}

function databaseLatency(body: string): number | null {
  try {
    const report = JSON.parse(body) as { modules?: { database?: { latencyMs?: unknown } } };
    const value = report.modules?.database?.latencyMs;
    return typeof value === "number" ? value : null;
  } catch {
    return null;
  }
}

async function measureDemo(): Promise<DemoRun> {
  const stack = await spawnDemo();
  const t0 = stack.process.startedAt;
  try {
    const poll = (route: string) =>
      pollFor200(`${stack.directUrl}${route}`, {
        timeoutMs: READY_TIMEOUT_MS,
        intervalMs: 25,
        attemptTimeoutMs: READY_TIMEOUT_MS,
        abort: stack.process.exited,
        abortMessage: () => `npm run demo exited before ${route} answered:\n${stack.process.tail()}`,
      });
    const [health, ready] = await Promise.all([poll("/api/health"), poll("/api/ready")]);
    return { health_ms: health.at - t0, ready_ms: ready.at - t0, database_ms: databaseLatency(ready.body) };
  } finally {
    await stack.stop();
  }
}

interface NextStartRun {
  /** First 200 of /api/health. */
  health_ms: number;
  /** Its "✓ Ready in …" line (the server listens; instrumentation may still be running). */
  ready_line_ms: number | null;
}

async function measureNextStart(): Promise<NextStartRun> {
  const port = await freePort();
  let readyLineAt: number | null = null;
  const dataDir = mkdtempSync(path.join(tmpdir(), "portal-bench-next-"));
  const child = startProcess({
    name: "next start",
    command: path.join(projectDir, "node_modules", ".bin", "next"),
    args: ["start", "-H", "127.0.0.1", "-p", String(port)],
    cwd: projectDir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      PGLITE_DIR: path.join(dataDir, "pglite"),
      LOG_LEVEL: "warn",
    },
    onLine: (line) => {
      if (readyLineAt === null && /Ready in/.test(line)) readyLineAt = performance.now();
    },
  });
  try {
    const health = await pollFor200(`http://127.0.0.1:${port}/api/health`, {
      timeoutMs: READY_TIMEOUT_MS,
      intervalMs: 25,
      attemptTimeoutMs: READY_TIMEOUT_MS,
      abort: child.exited,
      abortMessage: () => `next start exited early:\n${child.tail()}`,
    });
    return {
      health_ms: health.at - child.startedAt,
      ready_line_ms: readyLineAt === null ? null : readyLineAt - child.startedAt,
    };
  } finally {
    await child.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  installCleanup();
  const build = await ensureBuild();
  const demoRuns: DemoRun[] = [];
  const nextRuns: NextStartRun[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const demo = await measureDemo();
    demoRuns.push(demo);
    note(
      `run ${run + 1}: demo health ${Math.round(demo.health_ms)} ms, ready ${Math.round(demo.ready_ms)} ms (database ${demo.database_ms ?? "?"} ms)`,
    );
    await sleep(500);
    try {
      const floor = await measureNextStart();
      nextRuns.push(floor);
      note(
        `run ${run + 1}: next start health ${Math.round(floor.health_ms)} ms, "Ready in" line ${Math.round(floor.ready_line_ms ?? Number.NaN)} ms`,
      );
    } catch (error) {
      note(`next start floor failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await sleep(500);
  }
  const readyMedian = median(demoRuns.map((r) => r.ready_ms));
  const nextMedian = median(nextRuns.map((r) => r.health_ms));
  const readyLines = nextRuns.flatMap((r) => (r.ready_line_ms === null ? [] : [r.ready_line_ms]));
  printResult({
    benchmark: "startup",
    runs: RUNS,
    demo_to_ready_ms: Math.round(readyMedian),
    demo_to_health_ms: Math.round(median(demoRuns.map((r) => r.health_ms))),
    demo_ready_runs_ms: demoRuns.map((r) => Math.round(r.ready_ms)),
    first_ready_database_ms: median(demoRuns.flatMap((r) => (r.database_ms === null ? [] : [r.database_ms]))),
    next_start_to_health_ms: nextRuns.length ? Math.round(nextMedian) : null,
    next_start_runs_ms: nextRuns.map((r) => Math.round(r.health_ms)),
    next_start_ready_line_ms: readyLines.length ? Math.round(median(readyLines)) : null,
    ratio_ready_to_next_start: nextRuns.length ? round(readyMedian / nextMedian, 2) : null,
    build_ran: build.built,
  });
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`startup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    printResult({ benchmark: "startup", error: error instanceof Error ? error.message.split("\n")[0] : String(error) });
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    process.exit(process.exitCode ?? 0);
  });
