/**
 * Dashboard throughput with 50 concurrent signed-in users, against the framework's floor.
 *
 * 1. `npm run demo` on free ports, empty database, BENCH_FLOOR_PAGE=true (app/bench/floor);
 * 2. 50 sessions signed in through the real OIDC flow over HTTP (demo accounts, each many times);
 * 3. the floor page sized to the dashboard's HTML (`?bytes=`, calibrated on measured sizes);
 * 4. warm-up of both, then A B A B: 50 keep-alive connections, each with its own session cookie,
 *    for BENCH_DURATION seconds on `/` (A) and on the floor (B), same process, same build;
 * 5. medians of the rounds, ratio = dashboard rps / floor rps (aim ≥ 0.7).
 *
 * Also the portal process's own CPU time per answered request (from /proc, user + system) for
 * each: less sensitive than rps to what else the shared machine runs, and it tells whether the
 * gap is CPU spent in the portal or waiting.
 *
 * And the CPU the demo's groupware stand-ins (Radicale, Dovecot, OpenLDAP: children of the demo, on
 * the same 2 cores) spend per answered request: the dashboard's widgets call them, the floor does
 * not, so their share is part of the gap that the portal's own CPU does not show. Short-lived
 * backend processes that end during a round are not counted (an undercount, never an overcount).
 *
 * Environment: BENCH_USERS (50), BENCH_DURATION (10 s), BENCH_WARMUP (5 s), BENCH_ROUNDS (4): four short
 * alternated rounds give steadier medians than two long ones on a shared, noisy machine.
 * Prints one JSON line.
 */
import { runLoad, type LoadResult } from "@/bench/support/load";
import { cpuTimeMs, descendants, installCleanup, stopAll } from "@/bench/support/processes";
import { signInMany, type SignedIn } from "@/bench/support/sign-in";
import { ensureBuild, withDemo } from "@/bench/support/stack";
import { median, note, printResult, round, sleep } from "@/bench/support/stats";

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

const USERS = intFromEnv("BENCH_USERS", 50, 1, 200);
const DURATION = intFromEnv("BENCH_DURATION", 10, 2, 120);
const WARMUP = intFromEnv("BENCH_WARMUP", 5, 0, 60);
const ROUNDS = intFromEnv("BENCH_ROUNDS", 4, 1, 8);

const SETTLE_MS = 2000;

const BASE_HEADERS = {
  accept: "text/html,application/xhtml+xml",
  "accept-language": "fr-FR,fr;q=0.9",
  "user-agent": "portal-bench",
};

async function fetchHtml(url: string, cookie: string): Promise<{ status: number; bytes: number; body: string }> {
  const response = await fetch(url, {
    headers: { ...BASE_HEADERS, cookie, "accept-encoding": "identity" },
    redirect: "manual",
    signal: AbortSignal.timeout(15_000),
  });
  const body = await response.text();
  return { status: response.status, bytes: Buffer.byteLength(body), body };
}

/** Finds `?bytes=` so that the floor's HTML is within 5 % of `target` (the size is linear in it). */
async function calibrateFloor(
  portalUrl: string,
  target: number,
  cookie: string,
): Promise<{ path: string; bytes: number }> {
  const sizeAt = async (param: number) => {
    const page = await fetchHtml(`${portalUrl}/bench/floor?bytes=${param}`, cookie);
    if (page.status !== 200)
      throw new Error(`/bench/floor answered ${page.status}: is BENCH_FLOOR_PAGE reaching the portal?`);
    return page.bytes;
  };
  const low = 1_000;
  const high = 40_000;
  const [sizeLow, sizeHigh] = [await sizeAt(low), await sizeAt(high)];
  const slope = (sizeHigh - sizeLow) / (high - low);
  let param = Math.max(0, Math.round(low + (target - sizeLow) / slope));
  let size = await sizeAt(param);
  for (let i = 0; i < 3 && Math.abs(size - target) / target > 0.05; i += 1) {
    param = Math.max(0, Math.round(param + (target - size) / slope));
    size = await sizeAt(param);
  }
  return { path: `/bench/floor?bytes=${param}`, bytes: size };
}

type Measured = LoadResult & { cpuMsPerRequest: number | null; backendMsPerRequest: Record<string, number> };

/** Which groupware stand-in a process of the demo's tree is, from its command line (null: not one). */
function backendOf(command: string): string | null {
  if (/radicale/i.test(command)) return "radicale";
  if (/dovecot/i.test(command)) return "dovecot";
  if (/slapd/.test(command)) return "slapd";
  return null;
}

/** CPU time used so far by each stand-in (all its live processes), in ms. */
function backendCpu(root: number): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const process of descendants(root)) {
    const name = backendOf(process.command);
    if (name) totals[name] = (totals[name] ?? 0) + (cpuTimeMs(process.pid) ?? 0);
  }
  return totals;
}

async function main(): Promise<void> {
  installCleanup();
  const build = await ensureBuild();
  const figures = await withDemo({ env: { BENCH_FLOOR_PAGE: "true" } }, async (stack) => {
    note(`demo ready on ${stack.portalUrl}; signing ${USERS} sessions in`);
    const signInStarted = performance.now();
    const sessions: SignedIn[] = await signInMany(stack.portalUrl, USERS, 4);
    const signInSeconds = (performance.now() - signInStarted) / 1000;
    const cookies = sessions.map((session) => session.cookie);
    if (new Set(cookies).size !== cookies.length) throw new Error("two sign-ins returned the same session cookie");

    // Every session must reach the dashboard (200), not the sign-in redirect.
    for (const [index, cookie] of cookies.entries()) {
      const page = await fetchHtml(`${stack.directUrl}/`, cookie);
      if (page.status !== 200)
        throw new Error(
          `session ${index} (${sessions[index]?.login}) got ${page.status} on / instead of the dashboard`,
        );
    }
    const dashboard = await fetchHtml(`${stack.directUrl}/`, cookies[0] as string);
    const floor = await calibrateFloor(stack.directUrl, dashboard.bytes, cookies[0] as string);
    note(
      `dashboard HTML ${dashboard.bytes} B, floor ${floor.path} ${floor.bytes} B; sign-in of ${USERS} took ${signInSeconds.toFixed(1)} s`,
    );

    const targets = {
      dashboard: `${stack.directUrl}/`,
      floor: `${stack.directUrl}${floor.path}`,
    };
    // Both carry the users' cookies, so requests are the same size; the floor ignores them.
    const headersFor = (connection: number) => ({
      ...BASE_HEADERS,
      cookie: cookies[connection % cookies.length] as string,
    });
    // A pause before each measurement lets the previous one's in-flight requests finish.
    const portalPids = descendants(stack.process.pid)
      .filter((p) => p.command.includes("server/main.ts"))
      .map((p) => p.pid);
    const portalCpu = () => portalPids.reduce((total, pid) => total + (cpuTimeMs(pid) ?? 0), 0);
    const run = async (url: string, seconds: number): Promise<Measured> => {
      await sleep(SETTLE_MS);
      const cpuBefore = portalCpu();
      const backendsBefore = backendCpu(stack.process.pid);
      const result = await runLoad({ url, connections: USERS, durationSeconds: seconds, headersFor });
      const cpu = portalCpu() - cpuBefore;
      const backends = backendCpu(stack.process.pid);
      const backendMsPerRequest = Object.fromEntries(
        Object.entries(backends).map(([name, ms]) => [
          name,
          result.requests ? (ms - (backendsBefore[name] ?? 0)) / result.requests : 0,
        ]),
      );
      return {
        ...result,
        cpuMsPerRequest: portalPids.length && result.requests ? cpu / result.requests : null,
        backendMsPerRequest,
      };
    };

    if (WARMUP > 0) {
      note(`warm-up ${WARMUP} s each`);
      await run(targets.dashboard, WARMUP);
      await run(targets.floor, WARMUP);
    }
    const rounds: Array<{ dashboard: Awaited<ReturnType<typeof run>>; floor: Awaited<ReturnType<typeof run>> }> = [];
    for (let index = 0; index < ROUNDS; index += 1) {
      const a = await run(targets.dashboard, DURATION);
      note(
        `round ${index + 1} dashboard: ${a.rps} req/s, p95 ${a.p95} ms, errors ${a.errors}, CPU ${round(a.cpuMsPerRequest ?? NaN, 1)} ms/req`,
      );
      const b = await run(targets.floor, DURATION);
      note(
        `round ${index + 1} floor: ${b.rps} req/s, p95 ${b.p95} ms, errors ${b.errors}, CPU ${round(b.cpuMsPerRequest ?? NaN, 1)} ms/req`,
      );
      rounds.push({ dashboard: a, floor: b });
    }

    const cpuMedian = (values: Array<number | null>) => {
      const known = values.filter((v): v is number => v !== null);
      return known.length ? round(median(known), 1) : null;
    };
    const backendMedians = (pick: (r: (typeof rounds)[number]) => Measured) =>
      Object.fromEntries(
        [...new Set(rounds.flatMap((r) => Object.keys(pick(r).backendMsPerRequest)))].map((name) => [
          name,
          round(median(rounds.map((r) => pick(r).backendMsPerRequest[name] ?? 0)), 1),
        ]),
      );
    const summarise = (pick: (r: (typeof rounds)[number]) => Measured) => ({
      rps: round(median(rounds.map((r) => pick(r).rps)), 1),
      p50_ms: round(median(rounds.map((r) => pick(r).p50)), 1),
      p95_ms: round(median(rounds.map((r) => pick(r).p95)), 1),
      p99_ms: round(median(rounds.map((r) => pick(r).p99)), 1),
      errors: rounds.reduce((sum, r) => sum + pick(r).errors, 0),
      timeouts: rounds.reduce((sum, r) => sum + pick(r).timeouts, 0),
      non2xx: rounds.reduce((sum, r) => sum + pick(r).non2xx, 0),
      requests: rounds.reduce((sum, r) => sum + pick(r).requests, 0),
      portal_cpu_ms_per_request: cpuMedian(rounds.map((r) => pick(r).cpuMsPerRequest)),
      backend_cpu_ms_per_request: backendMedians(pick),
    });
    const dashboardSummary = summarise((r) => r.dashboard);
    const floorSummary = summarise((r) => r.floor);
    return {
      benchmark: "dashboard-throughput",
      users: USERS,
      connections: USERS,
      duration_s: DURATION,
      rounds: ROUNDS,
      sign_in_s: round(signInSeconds, 1),
      dashboard_html_bytes: dashboard.bytes,
      floor_html_bytes: floor.bytes,
      dashboard: dashboardSummary,
      floor: floorSummary,
      ratio: round(dashboardSummary.rps / floorSummary.rps, 2),
      ratio_per_round: rounds.map((r) => round(r.dashboard.rps / r.floor.rps, 2)),
      cpu_ratio:
        dashboardSummary.portal_cpu_ms_per_request && floorSummary.portal_cpu_ms_per_request
          ? round(floorSummary.portal_cpu_ms_per_request / dashboardSummary.portal_cpu_ms_per_request, 2)
          : null,
      aim_ratio: 0.7,
      meets_aim: dashboardSummary.rps / floorSummary.rps >= 0.7 && dashboardSummary.errors === 0,
      build_ran: build.built,
    };
  });
  printResult(figures);
}

main()
  .catch(async (error: unknown) => {
    process.stderr.write(`dashboard-throughput failed: ${error instanceof Error ? error.message : String(error)}\n`);
    printResult({
      benchmark: "dashboard-throughput",
      error: error instanceof Error ? error.message.split("\n")[0] : String(error),
    });
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    process.exit(process.exitCode ?? 0);
  });
