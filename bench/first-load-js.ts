/**
 * First-load JavaScript of the dashboard, signed in: Debian's Chromium (Playwright) loads `/` once,
 * in a fresh context, with a session made through the real OIDC flow; every script response of that
 * load (until the network is idle) is gzipped with zlib level 9 and summed. Aim ≤ 130 KB. Lists the
 * five largest chunks with what they contain (bench/support/chunks.ts), and splits the total into
 * the framework's root files (React DOM, Next.js runtime: any page pays them) and the rest.
 *
 * Reference: the same measure on the bench floor page (app/bench/floor, no client component of its
 * own), i.e. what the root layout and the framework cost before any dashboard code.
 *
 * The service worker's script is not page JavaScript (and workers are blocked here: a first load
 * has none). Prints one JSON line.
 */
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import { describeChunk, loadChunkIndex, type ChunkIndex } from "@/bench/support/chunks";
import { assertChromium, CHROMIUM_FLAGS, CHROMIUM_PATH } from "@/bench/support/browser";
import { installCleanup, stopAll } from "@/bench/support/processes";
import { signIn } from "@/bench/support/sign-in";
import { ensureBuild, projectDir, withDemo } from "@/bench/support/stack";
import { note, printResult, round } from "@/bench/support/stats";

const AIM_KB = 130;

interface Script {
  name: string;
  url: string;
  raw: number;
  gzip: number;
  kind: "framework" | "app";
  contains: string[];
}

function chunkName(url: URL): string {
  return url.pathname.replace(/^\/_next\/static\//, "");
}

/** Loads `url` in a fresh context and returns the scripts it fetched; throws unless it lands on `expectPath` with 200. */
async function loadScripts(
  browser: Browser,
  url: string,
  expectPath: string,
  cookies: Array<{ name: string; value: string }>,
  index: ChunkIndex,
): Promise<Script[]> {
  const context = await browser.newContext({ locale: "fr-FR", serviceWorkers: "block" });
  try {
    if (cookies.length) await context.addCookies(cookies.map(({ name, value }) => ({ name, value, url })));
    const page = await context.newPage();
    const pending: Array<Promise<Script | null>> = [];
    page.on("response", (response) => {
      if (response.request().resourceType() !== "script") return;
      pending.push(
        response.body().then(
          (body) => {
            const scriptUrl = new URL(response.url());
            return {
              name: chunkName(scriptUrl),
              url: response.url(),
              raw: body.length,
              gzip: gzipSync(body, { level: 9 }).length,
              ...describeChunk(index, scriptUrl, body.toString("utf8")),
            };
          },
          () => null,
        ),
      );
    });
    const response = await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    await page
      .waitForLoadState("networkidle", { timeout: 30_000 })
      .catch(() => note("network not idle after 30 s; counting what loaded"));
    const landed = new URL(page.url()).pathname;
    if (response?.status() !== 200 || landed !== expectPath) {
      throw new Error(`${url} did not load as expected (status ${response?.status()}, landed on ${landed})`);
    }
    const scripts = (await Promise.all(pending)).filter((s): s is Script => s !== null);
    return scripts.filter((s) => !/\/sw\.js$/.test(new URL(s.url).pathname));
  } finally {
    await context.close().catch(() => undefined);
  }
}

const kb = (bytes: number) => round(bytes / 1024, 1);
const sum = (scripts: Script[], pick: (s: Script) => number) => scripts.reduce((total, s) => total + pick(s), 0);

async function main(): Promise<void> {
  installCleanup();
  assertChromium();
  const build = await ensureBuild();
  const figures = await withDemo({ env: { BENCH_FLOOR_PAGE: "true" } }, async (stack) => {
    const session = await signIn(stack.portalUrl, "alice.martin");
    const index = loadChunkIndex(projectDir);
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, timeout: 60_000 });
      const scripts = await loadScripts(browser, `${stack.portalUrl}/`, "/", session.cookies, index);
      const floor = await loadScripts(browser, `${stack.portalUrl}/bench/floor`, "/bench/floor", [], index);
      const totalGzip = sum(scripts, (s) => s.gzip);
      const frameworkGzip = sum(
        scripts.filter((s) => s.kind === "framework"),
        (s) => s.gzip,
      );
      const floorNames = new Set(floor.map((s) => s.name));
      const largest = [...scripts].sort((a, b) => b.gzip - a.gzip).slice(0, 5);
      return {
        benchmark: "first-load-js",
        route: "/",
        scripts: scripts.length,
        gzip_kb: kb(totalGzip),
        raw_kb: kb(sum(scripts, (s) => s.raw)),
        framework_gzip_kb: kb(frameworkGzip),
        app_gzip_kb: kb(totalGzip - frameworkGzip),
        floor_page_gzip_kb: kb(sum(floor, (s) => s.gzip)),
        dashboard_only_gzip_kb: kb(
          sum(
            scripts.filter((s) => !floorNames.has(s.name)),
            (s) => s.gzip,
          ),
        ),
        aim_kb: AIM_KB,
        meets_aim: totalGzip / 1024 <= AIM_KB,
        largest: largest.map((s) => ({
          name: s.name,
          gzip_kb: kb(s.gzip),
          raw_kb: kb(s.raw),
          kind: s.kind,
          contains: s.contains,
        })),
        other_origins: [...new Set(scripts.map((s) => new URL(s.url).origin))].filter(
          (origin) => origin !== new URL(stack.portalUrl).origin,
        ),
        build_ran: build.built,
      };
    } finally {
      await browser?.close().catch(() => undefined);
    }
  });
  printResult(figures);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`first-load-js failed: ${error instanceof Error ? error.message : String(error)}\n`);
    printResult({
      benchmark: "first-load-js",
      error: error instanceof Error ? error.message.split("\n")[0] : String(error),
    });
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    process.exit(process.exitCode ?? 0);
  });
