/**
 * Lighthouse 12.8.2 (the project's devDependency, its CLI) on the signed-in dashboard with Debian's
 * Chromium: mobile form factor and simulated throttling (Lighthouse's defaults), the flags of
 * STANDINS §7, the session cookie passed with `--extra-headers`. BENCH_LIGHTHOUSE_RUNS runs (3),
 * medians of each category score; aims: performance 95, accessibility 100, best practices 100.
 * For a category below its aim, the failing audits' ids (from the run with the median performance).
 *
 * Reference, alternated with the dashboard runs (A B A B…): the same Lighthouse run on the bench
 * floor page (app/bench/floor), i.e. what the framework and the root layout score on this machine
 * at this moment; and Lighthouse's own CPU benchmark index of each run (lower = slower machine,
 * which inflates total-blocking-time under its simulated 4× CPU slowdown).
 *
 * Also the element Lighthouse took for the largest contentful paint, and the floor's metrics beside
 * the dashboard's, so that a low score says which part of the page it comes from.
 *
 * Prints one JSON line. The report files live in a temporary folder, removed at the end, unless
 * BENCH_LIGHTHOUSE_KEEP names a folder to copy them to (to read the whole reports).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { assertChromium, CHROMIUM_FLAGS, CHROMIUM_PATH } from "@/bench/support/browser";
import { installCleanup, startProcess, stopAll } from "@/bench/support/processes";
import { signIn } from "@/bench/support/sign-in";
import { ensureBuild, projectDir, withDemo } from "@/bench/support/stack";
import { median, note, printResult, round } from "@/bench/support/stats";

const RUNS = (() => {
  const value = Number(process.env.BENCH_LIGHTHOUSE_RUNS);
  return Number.isInteger(value) && value >= 1 && value <= 7 ? value : 3;
})();
const RUN_TIMEOUT_MS = 120_000;
const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;
type Category = (typeof CATEGORIES)[number];
const AIMS: Record<Category, number> = { performance: 95, accessibility: 100, "best-practices": 100 };
const METRICS = [
  "first-contentful-paint",
  "largest-contentful-paint",
  "total-blocking-time",
  "cumulative-layout-shift",
  "speed-index",
];

interface Audit {
  id: string;
  score: number | null;
  scoreDisplayMode: string;
  numericValue?: number;
  displayValue?: string;
  details?: { items?: Array<Record<string, unknown>> };
}
interface Report {
  finalDisplayedUrl?: string;
  environment?: { benchmarkIndex?: number };
  runtimeError?: { code: string; message: string };
  categories: Record<string, { score: number | null; auditRefs: Array<{ id: string; weight: number }> }>;
  audits: Record<string, Audit>;
}

/** Lighthouse now and then fails to record a trace (NO_NAVSTART) on a busy machine: one more try. */
async function runLighthouse(url: string, cookie: string, outputPath: string): Promise<Report> {
  try {
    return await runLighthouseOnce(url, cookie, outputPath);
  } catch (error) {
    note(
      `lighthouse failed once, trying again: ${error instanceof Error ? error.message.split("\n").slice(-1)[0] : String(error)}`,
    );
    return runLighthouseOnce(url, cookie, outputPath);
  }
}

async function runLighthouseOnce(url: string, cookie: string, outputPath: string): Promise<Report> {
  const child = startProcess({
    name: "lighthouse",
    command: path.join(projectDir, "node_modules", ".bin", "lighthouse"),
    args: [
      url,
      "--quiet",
      "--output=json",
      `--output-path=${outputPath}`,
      `--only-categories=${CATEGORIES.join(",")}`,
      `--chrome-flags=${CHROMIUM_FLAGS.join(" ")}`,
      `--extra-headers=${JSON.stringify({ Cookie: cookie })}`,
    ],
    cwd: projectDir,
    env: { ...process.env, CHROME_PATH: CHROMIUM_PATH },
    graceMs: 5000,
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const code = await Promise.race([
      child.exited,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`lighthouse took more than ${RUN_TIMEOUT_MS / 1000} s`)),
          RUN_TIMEOUT_MS,
        );
      }),
    ]);
    if (code !== 0) throw new Error(`lighthouse exited with ${code}:\n${child.tail()}`);
  } finally {
    clearTimeout(timer);
    await child.stop();
  }
  const report = JSON.parse(readFileSync(outputPath, "utf8")) as Report;
  if (report.runtimeError) throw new Error(`lighthouse: ${report.runtimeError.code} ${report.runtimeError.message}`);
  return report;
}

/** Where the main thread's time went (ms by kind), and the scripts that cost the most. */
function mainThread(report: Report): {
  by_group_ms: Record<string, number>;
  top_scripts: Array<{ script: string; ms: number }>;
} {
  const groups = report.audits["mainthread-work-breakdown"]?.details?.items ?? [];
  const scripts = report.audits["bootup-time"]?.details?.items ?? [];
  return {
    by_group_ms: Object.fromEntries(
      groups.slice(0, 5).map((item) => [String(item.groupLabel ?? item.group), Math.round(Number(item.duration) || 0)]),
    ),
    top_scripts: scripts.slice(0, 3).map((item) => {
      const url = String(item.url ?? "");
      let name = url;
      try {
        name = new URL(url).pathname.replace(/^\/_next\/static\//, "");
      } catch {
        // "Unattributable" and the like
      }
      return { script: name, ms: Math.round(Number(item.total) || 0) };
    }),
  };
}

/** The page element Lighthouse measured the largest contentful paint on (its selector and start of markup). */
function lcpElement(report: Report): string | null {
  const item = report.audits["largest-contentful-paint-element"]?.details?.items?.[0] as
    { items?: Array<{ node?: { selector?: string; snippet?: string } }> } | undefined;
  const node = item?.items?.[0]?.node;
  return node ? `${node.selector ?? "?"} ${String(node.snippet ?? "").slice(0, 120)}` : null;
}

/** Median of each METRICS value over the reports (null when none has it). */
function medianMetrics(reports: Report[]): Record<string, number | null> {
  return Object.fromEntries(
    METRICS.map((id) => {
      const values = reports
        .map((r) => r.audits[id]?.numericValue)
        .filter((v): v is number => typeof v === "number" && Number.isFinite(v));
      return [id, values.length ? round(median(values), id === "cumulative-layout-shift" ? 3 : 0) : null];
    }),
  );
}

const score = (report: Report, category: Category) => Math.round((report.categories[category]?.score ?? 0) * 100);

function failingAudits(report: Report, category: Category): string[] {
  const refs = report.categories[category]?.auditRefs ?? [];
  return refs
    .filter((ref) => {
      const audit = report.audits[ref.id];
      if (!audit || audit.score === null) return false;
      if (
        audit.scoreDisplayMode !== "binary" &&
        audit.scoreDisplayMode !== "numeric" &&
        audit.scoreDisplayMode !== "metricSavings"
      )
        return false;
      return audit.score < (category === "performance" ? 0.9 : 1);
    })
    .map((ref) => ref.id);
}

async function main(): Promise<void> {
  installCleanup();
  assertChromium();
  const build = await ensureBuild();
  const outDir = mkdtempSync(path.join(tmpdir(), "portal-bench-lh-"));
  try {
    const figures = await withDemo({ env: { BENCH_FLOOR_PAGE: "true" } }, async (stack) => {
      const session = await signIn(stack.portalUrl, "alice.martin");
      const url = `${stack.portalUrl}/`;
      // One unmeasured visit so that the server's first-render costs are not in run 1.
      await fetch(url, { headers: { cookie: session.cookie }, signal: AbortSignal.timeout(15_000) }).then((r) =>
        r.text(),
      );
      const reports: Report[] = [];
      const floorReports: Report[] = [];
      for (let run = 0; run < RUNS; run += 1) {
        const report = await runLighthouse(url, session.cookie, path.join(outDir, `run-${run}.json`));
        const landed = report.finalDisplayedUrl ? new URL(report.finalDisplayedUrl).pathname : "?";
        if (landed !== "/") throw new Error(`lighthouse landed on ${landed}, not the signed-in dashboard`);
        note(`lighthouse run ${run + 1}: ${CATEGORIES.map((c) => `${c} ${score(report, c)}`).join(", ")}`);
        reports.push(report);
        try {
          const floor = await runLighthouse(
            `${stack.portalUrl}/bench/floor`,
            session.cookie,
            path.join(outDir, `floor-${run}.json`),
          );
          note(`lighthouse floor run ${run + 1}: performance ${score(floor, "performance")}`);
          floorReports.push(floor);
        } catch (error) {
          note(`lighthouse floor run failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, median(reports.map((r) => score(r, c)))])) as Record<
        Category,
        number
      >;
      const byPerformance = [...reports].sort((a, b) => score(a, "performance") - score(b, "performance"));
      const medianReport = byPerformance[Math.floor(byPerformance.length / 2)] as Report;
      const failing = Object.fromEntries(
        CATEGORIES.filter((c) => scores[c] < AIMS[c]).map((c) => [c, failingAudits(medianReport, c)]),
      );
      const metrics = Object.fromEntries(
        METRICS.map((id) => [
          id,
          medianReport.audits[id]?.numericValue === undefined
            ? null
            : round(medianReport.audits[id].numericValue, id === "cumulative-layout-shift" ? 3 : 0),
        ]),
      );
      return {
        benchmark: "lighthouse",
        lighthouse: "12.8.2",
        form_factor: "mobile",
        runs: RUNS,
        scores,
        scores_per_run: reports.map((r) => Object.fromEntries(CATEGORIES.map((c) => [c, score(r, c)]))),
        aims: AIMS,
        meets_aims: CATEGORIES.every((c) => scores[c] >= AIMS[c]),
        failing_audits: failing,
        metrics_ms: metrics,
        lcp_element: lcpElement(medianReport),
        main_thread: mainThread(medianReport),
        floor_metrics_ms: floorReports.length ? medianMetrics(floorReports) : null,
        floor_performance: floorReports.length ? median(floorReports.map((r) => score(r, "performance"))) : null,
        floor_total_blocking_time_ms: floorReports.length
          ? round(median(floorReports.map((r) => r.audits["total-blocking-time"]?.numericValue ?? Number.NaN)), 0)
          : null,
        benchmark_index: round(
          median([...reports, ...floorReports].map((r) => r.environment?.benchmarkIndex ?? Number.NaN)),
          0,
        ),
        build_ran: build.built,
      };
    });
    printResult(figures);
  } finally {
    const keep = process.env.BENCH_LIGHTHOUSE_KEEP;
    if (keep) cpSync(outDir, keep, { recursive: true });
    rmSync(outDir, { recursive: true, force: true });
  }
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`lighthouse failed: ${error instanceof Error ? error.message : String(error)}\n`);
    printResult({
      benchmark: "lighthouse",
      error: error instanceof Error ? error.message.split("\n")[0] : String(error),
    });
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    process.exit(process.exitCode ?? 0);
  });
