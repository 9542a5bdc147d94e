/**
 * Embedding (issue 7): from the vendor's session creation to the editor ready in its iframe, in
 * headless Chromium. The sample vendor (e2e/dpi-sample/, another site than the portal) is started
 * with a clients file registering it, next to `npm run demo`. Each run loads the DPI page afresh
 * and times, inside the page, from the click that makes the DPI's backend create the session
 * (OAuth token cached, POST /api/embed/v1/sessions from the discharge-summary template with the
 * patient's fields) to the `ready` postMessage (launch token exchanged, cookie set, editor page
 * rendered, collaboration connected and synced).
 *
 * Reference, same run, same browser: a signed-in user creates the same document from the same
 * template through the portal's own API (POST /api/documents) and opens it at /documents/{id};
 * timed to the editor connected with the patient's name shown.
 *
 * BENCH_EMBED_RUNS runs of each (20), after one warm-up of each. Prints one JSON line.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { CHROMIUM_FLAGS, CHROMIUM_PATH, assertChromium } from "@/bench/support/browser";
import { freePort, pollFor200 } from "@/bench/support/http";
import { installCleanup, startProcess, stopAll } from "@/bench/support/processes";
import { signIn } from "@/bench/support/sign-in";
import { ensureBuild, projectDir, withDemo } from "@/bench/support/stack";
import { note, percentile, printResult, round } from "@/bench/support/stats";
import { DPI_CLIENT_ID, writeEmbedClientsFile } from "@/e2e/dpi-sample/embed-client";

const RUNS = (() => {
  const value = Number(process.env.BENCH_EMBED_RUNS);
  return Number.isInteger(value) && value >= 3 && value <= 200 ? value : 20;
})();

const FIELDS = {
  patient: "DUPONT Jeanne",
  birthDate: "1950-03-02",
  admissionDate: "2026-11-20",
  dischargeDate: "2026-11-30",
  service: "Médecine interne",
  physician: "Dr Alice Martin",
  reason: "Chute à domicile",
};

function summary(values: number[]) {
  return {
    p50Ms: round(percentile(values, 50)),
    p95Ms: round(percentile(values, 95)),
    minMs: round(Math.min(...values)),
    maxMs: round(Math.max(...values)),
  };
}

/** One embed run: a fresh DPI page, click → `ready` from the portal's iframe (ms, in the page's clock). */
async function embedRun(browser: Browser, dpiOrigin: string, portalOrigin: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${dpiOrigin}/`);
    return await page.evaluate(
      (origin) =>
        new Promise<number>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error("no ready event within 60 s")), 60_000);
          const started = performance.now();
          window.addEventListener("message", (event: MessageEvent) => {
            const data = event.data as { type?: string; event?: string; code?: string } | null;
            if (event.origin !== origin || data?.type !== "portal.embed") return;
            if (data.event === "ready") {
              clearTimeout(timer);
              resolve(performance.now() - started);
            } else if (data.event === "error") {
              clearTimeout(timer);
              reject(new Error(`embed error event: ${data.code ?? "?"}`));
            }
          });
          document.getElementById("new-summary")?.click();
        }),
      portalOrigin,
    );
  } finally {
    await context.close();
  }
}

/** One reference run: create from the template through the portal's API, open, editor connected. */
async function referenceRun(browser: Browser, portalUrl: string, cookies: Array<{ name: string; value: string }>) {
  const context = await browser.newContext();
  try {
    await context.addCookies(cookies.map((cookie) => ({ ...cookie, url: portalUrl })));
    const page = await context.newPage();
    await page.goto(`${portalUrl}/api/health`);
    const started = performance.now();
    const id = await page.evaluate(async (fields) => {
      const response = await fetch("/api/documents", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ templateId: "discharge-summary", fields }),
      });
      if (!response.ok) throw new Error(`POST /api/documents: HTTP ${response.status}`);
      return ((await response.json()) as { document: { id: string } }).document.id;
    }, FIELDS);
    await page.goto(`${portalUrl}/documents/${id}`);
    await page.locator('[data-testid="connection-state"][data-state="connected"]').waitFor({ timeout: 60_000 });
    await page.getByTestId("document-editor").getByText("DUPONT Jeanne").first().waitFor({ timeout: 60_000 });
    return performance.now() - started;
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  installCleanup();
  assertChromium();
  await ensureBuild();
  const dpiPort = await freePort();
  let unregisteredPort = await freePort();
  while (unregisteredPort === dpiPort) unregisteredPort = await freePort();
  const dpiOrigin = `http://127.0.0.1:${dpiPort}`;
  const credentials = {
    clientSecret: randomBytes(24).toString("base64url"),
    webhookSecret: randomBytes(32).toString("base64url"),
  };
  const dir = mkdtempSync(path.join(tmpdir(), "bench-embed-"));
  const clientsFile = path.join(dir, "embed-clients.json");
  await writeEmbedClientsFile(clientsFile, { dpiOrigin, credentials });
  try {
    await withDemo({ env: { EMBED_CLIENTS_FILE: clientsFile } }, async (stack) => {
      const dpi = startProcess({
        name: "dpi-sample",
        command: process.execPath,
        args: [path.join(projectDir, "node_modules", "tsx", "dist", "cli.mjs"), "e2e/dpi-sample/dpi-server.ts"],
        cwd: projectDir,
        env: {
          ...process.env,
          DPI_PORT: String(dpiPort),
          UNREGISTERED_PORT: String(unregisteredPort),
          PORTAL_URL: stack.portalUrl,
          DPI_CLIENT_ID,
          DPI_CLIENT_SECRET: credentials.clientSecret,
          DPI_WEBHOOK_SECRET: credentials.webhookSecret,
        },
        graceMs: 5_000,
      });
      try {
        await pollFor200(`${dpiOrigin}/health`, { timeoutMs: 30_000, intervalMs: 100, attemptTimeoutMs: 5_000 });
        const signedIn = await signIn(stack.portalUrl, "alice.martin");
        const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, timeout: 60_000 });
        try {
          const portalOrigin = new URL(stack.portalUrl).origin;
          note("warm-up (first compilation of each route and page)");
          await embedRun(browser, dpiOrigin, portalOrigin);
          await referenceRun(browser, stack.portalUrl, signedIn.cookies);
          const embed: number[] = [];
          const reference: number[] = [];
          // Interleaved, so that a slow moment of the machine weighs on both alike.
          for (let run = 0; run < RUNS; run += 1) {
            embed.push(await embedRun(browser, dpiOrigin, portalOrigin));
            reference.push(await referenceRun(browser, stack.portalUrl, signedIn.cookies));
            note(
              `run ${run + 1}/${RUNS}: embed ${round(embed[run] ?? 0)} ms, reference ${round(reference[run] ?? 0)} ms`,
            );
          }
          const embedFigures = summary(embed);
          const referenceFigures = summary(reference);
          printResult({
            benchmark: "embed-ready",
            runs: RUNS,
            embedSessionToReady: embedFigures,
            referenceCreateAndOpen: referenceFigures,
            ratioP50: round(embedFigures.p50Ms / referenceFigures.p50Ms, 2),
            ratioP95: round(embedFigures.p95Ms / referenceFigures.p95Ms, 2),
          });
        } finally {
          await browser.close();
        }
      } finally {
        await dpi.stop();
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main()
  .catch((error: unknown) => {
    printResult({ benchmark: "embed-ready", error: error instanceof Error ? error.message : String(error) });
    process.exitCode = 1;
  })
  .finally(() => stopAll());
