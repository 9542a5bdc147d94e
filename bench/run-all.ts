/**
 * `npm run bench`: builds when the build is stale, then runs each benchmark in its own process, one
 * after the other (they would disturb each other's figures on a 2-core machine), each bounded in
 * time. Each prints its own JSON line; this script prints them as they come (stdout), their
 * progress on stderr, and at the end one JSON line summarising all.
 *
 * BENCH_ONLY=startup,lighthouse runs a subset. Exit code 1 when a benchmark failed to run (an aim
 * missed is a figure to report, not a failure).
 */
import path from "node:path";
import { installCleanup, startProcess, stopAll } from "@/bench/support/processes";
import { ensureBuild, projectDir } from "@/bench/support/stack";
import { note, printResult, round } from "@/bench/support/stats";

const BENCHMARKS: Array<{ name: string; file: string; timeoutMs: number }> = [
  { name: "startup", file: "bench/startup.ts", timeoutMs: 240_000 },
  { name: "dashboard-throughput", file: "bench/dashboard-throughput.ts", timeoutMs: 300_000 },
  { name: "first-load-js", file: "bench/first-load-js.ts", timeoutMs: 150_000 },
  { name: "lighthouse", file: "bench/lighthouse.ts", timeoutMs: 300_000 },
  // Files (issue 3): 1 GiB through the portal vs Apache WebDAV direct and a plain Node pipe; 5,000-entry listing.
  { name: "files-transfer", file: "bench/files-transfer.ts", timeoutMs: 900_000 },
  { name: "files-listing", file: "bench/files-listing.ts", timeoutMs: 600_000 },
  // Documents (issue 4): co-editing load vs the stock Hocuspocus server, heap and large documents,
  // SIGKILL recovery, and import/export conversions.
  { name: "collab-load", file: "bench/collab-load.ts", timeoutMs: 480_000 },
  { name: "collab-documents", file: "bench/collab-documents.ts", timeoutMs: 300_000 },
  { name: "collab-recovery", file: "bench/collab-recovery.ts", timeoutMs: 300_000 },
  { name: "documents-convert", file: "bench/documents-convert.ts", timeoutMs: 180_000 },
  // Mail and contacts (issue 5): a 10,000-message inbox through the portal vs imapflow direct, 50
  // users at once; people search over OpenLDAP and Radicale vs the bare LDAP search.
  { name: "mail-inbox", file: "bench/mail-inbox.ts", timeoutMs: 300_000 },
  { name: "people-search", file: "bench/people-search.ts", timeoutMs: 300_000 },
  // Agenda listing: first load vs repeat from the CTag-validated cache of parsed calendar objects.
  { name: "agenda-listing", file: "bench/agenda-listing.ts", timeoutMs: 300_000 },
  // Office (issue 6): 100 MB GetFile/PutFile through the WOPI host vs the storage direct; CheckFileInfo under 200 connections.
  { name: "wopi-transfer", file: "bench/wopi-transfer.ts", timeoutMs: 600_000 },
  // Embedding (issue 7): 100 concurrent session creations; session creation to editor ready in the iframe.
  { name: "embed-sessions", file: "bench/embed-sessions.ts", timeoutMs: 300_000 },
  { name: "embed-ready", file: "bench/embed-ready.ts", timeoutMs: 600_000 },
];

type Figures = Record<string, unknown>;

async function runBenchmark(name: string, file: string, timeoutMs: number): Promise<Figures> {
  let figures: Figures | undefined;
  const tsxCli = path.join(projectDir, "node_modules", "tsx", "dist", "cli.mjs");
  const child = startProcess({
    name,
    command: process.execPath,
    args: [tsxCli, "--conditions=react-server", file],
    cwd: projectDir,
    env: { ...process.env, BENCH_NO_BUILD: "true" },
    graceMs: 20_000,
    onLine: (line) => {
      if (line.startsWith("{")) {
        try {
          const parsed = JSON.parse(line) as Figures;
          if (parsed.benchmark === name) {
            figures = parsed;
            process.stdout.write(`${line}\n`);
            return;
          }
        } catch {
          // not the figures line
        }
      }
      process.stderr.write(`${line}\n`);
    },
  });
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const outcome = await Promise.race([child.exited, timedOut]);
  clearTimeout(timer);
  await child.stop();
  if (outcome === "timeout") return { benchmark: name, error: `did not finish within ${timeoutMs / 1000} s` };
  return figures ?? { benchmark: name, error: `exited with ${outcome} without figures` };
}

function pick(figures: Figures | undefined, ...keys: string[]): unknown {
  let value: unknown = figures;
  for (const key of keys)
    value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return value ?? null;
}

async function main(): Promise<void> {
  installCleanup();
  const started = performance.now();
  const only = process.env.BENCH_ONLY?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const build = await ensureBuild();
  if (build.built) note(`next build took ${Math.round(build.ms / 1000)} s`);
  const results: Record<string, Figures> = {};
  for (const bench of BENCHMARKS) {
    if (only && !only.includes(bench.name)) continue;
    note(`── ${bench.name}`);
    results[bench.name] = await runBenchmark(bench.name, bench.file, bench.timeoutMs);
  }
  const failed = Object.values(results)
    .filter((r) => "error" in r)
    .map((r) => r.benchmark);
  const s = results.startup;
  const t = results["dashboard-throughput"];
  const j = results["first-load-js"];
  const l = results.lighthouse;
  printResult({
    benchmark: "summary",
    startup_demo_to_ready_ms: pick(s, "demo_to_ready_ms"),
    startup_demo_to_health_ms: pick(s, "demo_to_health_ms"),
    startup_next_start_to_health_ms: pick(s, "next_start_to_health_ms"),
    dashboard_rps: pick(t, "dashboard", "rps"),
    floor_rps: pick(t, "floor", "rps"),
    dashboard_floor_ratio: pick(t, "ratio"),
    dashboard_p95_ms: pick(t, "dashboard", "p95_ms"),
    floor_p95_ms: pick(t, "floor", "p95_ms"),
    dashboard_errors: pick(t, "dashboard", "errors"),
    dashboard_cpu_ms_per_request: pick(t, "dashboard", "portal_cpu_ms_per_request"),
    floor_cpu_ms_per_request: pick(t, "floor", "portal_cpu_ms_per_request"),
    first_load_js_gzip_kb: pick(j, "gzip_kb"),
    first_load_js_framework_gzip_kb: pick(j, "framework_gzip_kb"),
    first_load_js_floor_page_gzip_kb: pick(j, "floor_page_gzip_kb"),
    lighthouse_performance: pick(l, "scores", "performance"),
    lighthouse_accessibility: pick(l, "scores", "accessibility"),
    lighthouse_best_practices: pick(l, "scores", "best-practices"),
    lighthouse_floor_performance: pick(l, "floor_performance"),
    aims_met: {
      ratio_ge_0_7: t && !("error" in t) ? t.meets_aim : null,
      first_load_js_le_130_kb: j && !("error" in j) ? j.meets_aim : null,
      lighthouse: l && !("error" in l) ? l.meets_aims : null,
    },
    failed,
    build_s: round(build.ms / 1000, 0),
    total_s: round((performance.now() - started) / 1000, 0),
  });
  if (failed.length > 0) process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    process.exit(process.exitCode ?? 0);
  });
