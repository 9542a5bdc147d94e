/**
 * Browser tests: Debian's Chromium (never a downloaded browser) against a throwaway portal stack.
 *
 * The stack is the demo's, started the way a person starts it (`npm run demo`), on its own ports
 * (e2e/support/stack.ts) with an in-memory database, so a developer's demo and its data are left
 * alone. `npm run demo` only builds when .next is missing or stale; scripts/test-all.sh runs
 * `next build` first, so here it just starts. Next to it, the news feed stand-in
 * (e2e/support/feed-server.ts) that the widget-degradation specs switch between ok, hang and refuse.
 *
 * Projects: `setup` signs each saved role in through the real OIDC flow once; `ui` (e2e/ui/**)
 * drives the browser; `api` (e2e/api/**) talks HTTP only. One worker: a 2-core machine, one
 * portal, and specs that share the feed stand-in.
 */
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from "./e2e/support/chromium";
import {
  DEV_OIDC_PORT,
  FEED_CONTROL_PORT,
  FEED_CONTROL_URL,
  FEED_PORT,
  FEED_URL,
  INSTITUTION_NAME,
  PORTAL_PORT,
  PORTAL_URL,
} from "./e2e/support/stack";
import { ONLYOFFICE_JWT_SECRET, ONLYOFFICE_PORT, ONLYOFFICE_URL } from "./e2e/support/stack";
import { DPI_ORIGIN, DPI_PORT, UNREGISTERED_PORT } from "./e2e/support/stack";
import { DPI_CLIENT_ID, dpiCredentials, writeEmbedClientsFile } from "./e2e/dpi-sample/embed-client";

const CI = Boolean(process.env.CI);

// The local file storage of this run: a folder name of its own (the portal creates it), so every
// run starts from empty storage as it does from an empty database. Only the runner, which starts
// the portal, uses it; E2E_FILES_ROOT pins it (e.g. to inspect the files after a run).
const FILES_ROOT =
  process.env.E2E_FILES_ROOT ?? path.join(tmpdir(), `portal-e2e-files-${PORTAL_PORT}-${Date.now().toString(36)}`);

// Embedding (issue 7): the portal registers the sample vendor (e2e/dpi-sample/) in a clients file
// of this run; both get the run's made-up secrets.
const DPI_CREDENTIALS = dpiCredentials();
const EMBED_CLIENTS_FILE = path.join(tmpdir(), `portal-e2e-embed-clients-${PORTAL_PORT}.json`);
await writeEmbedClientsFile(EMBED_CLIENTS_FILE, { dpiOrigin: DPI_ORIGIN, credentials: DPI_CREDENTIALS });

/** The portal's configuration for the tests; everything else is the demo's default. */
const portalEnv: Record<string, string> = {
  PORT: String(PORTAL_PORT),
  PORTAL_URL,
  DEV_OIDC_PORT: String(DEV_OIDC_PORT),
  // A database that lives and dies with this run: every spec starts from the same empty state.
  PGLITE_DIR: "memory://",
  NEWS_FEED_URL: FEED_URL,
  // Every dashboard fetches the feed, so switching the stand-in's mode takes effect at once.
  NEWS_FEED_CACHE_SECONDS: "0",
  // Files: empty storage per run (like the database), and the smallest chunk, so an upload of a
  // few MiB already goes in several chunks.
  FILES_ROOT,
  FILES_CHUNK_BYTES: String(5 * 1024 ** 2),
  INSTITUTION_NAME,
  // Office (issue 6): the OnlyOffice double, which calls the portal back on its loopback address.
  ONLYOFFICE_URL,
  ONLYOFFICE_JWT_SECRET,
  ONLYOFFICE_PORTAL_URL: `http://127.0.0.1:${PORTAL_PORT}`,
  EMBED_CLIENTS_FILE,
  LOG_LEVEL: "warn",
  // The demo builds when .next is stale; a build must not phone home from the test machine.
  NEXT_TELEMETRY_DISABLED: "1",
};

export default defineConfig({
  testDir: "./e2e",
  // Per port block, so that runs on other E2E_PORT blocks (side by side) never empty each other's folder.
  outputDir: `test-results/e2e-${PORTAL_PORT}`,
  fullyParallel: false,
  workers: 1,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  reporter: [["list"]],
  // A sign-in is a few round trips through two servers, and the first one after start warms up
  // every route (about 15 s on a busy 2-core machine); a spec signs in a few times at most.
  timeout: 90_000,
  globalTimeout: 20 * 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: PORTAL_URL,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    // A click that submits the provider's login form waits for the whole redirect chain back.
    actionTimeout: 30_000,
    navigationTimeout: 45_000,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS },
  },
  projects: [
    { name: "setup", testMatch: /setup\/.*\.setup\.ts$/ },
    { name: "api", testDir: "./e2e/api", dependencies: ["setup"] },
    { name: "ui", testDir: "./e2e/ui", dependencies: ["setup"] },
  ],
  webServer: [
    {
      name: "news feed stand-in",
      command: "node_modules/.bin/tsx e2e/support/feed-server.ts",
      url: `${FEED_CONTROL_URL}/health`,
      env: { FEED_PORT: String(FEED_PORT), FEED_CONTROL_PORT: String(FEED_CONTROL_PORT) },
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      name: "sample vendor (DPI)",
      command: "node_modules/.bin/tsx e2e/dpi-sample/dpi-server.ts",
      url: `${DPI_ORIGIN}/health`,
      env: {
        DPI_PORT: String(DPI_PORT),
        UNREGISTERED_PORT: String(UNREGISTERED_PORT),
        PORTAL_URL,
        DPI_CLIENT_ID,
        DPI_CLIENT_SECRET: DPI_CREDENTIALS.clientSecret,
        DPI_WEBHOOK_SECRET: DPI_CREDENTIALS.webhookSecret,
      },
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      name: "OnlyOffice Document Server double",
      command: "node_modules/.bin/tsx test/doubles/onlyoffice/start-onlyoffice-double.ts",
      url: `${ONLYOFFICE_URL}/healthcheck`,
      env: { ONLYOFFICE_DOUBLE_PORT: String(ONLYOFFICE_PORT), ONLYOFFICE_JWT_SECRET },
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      name: "portal (npm run demo)",
      command: "npm run demo",
      url: `http://127.0.0.1:${PORTAL_PORT}/api/health`,
      env: portalEnv,
      reuseExistingServer: false,
      // Generous for a cold start (PGlite, the provider's keys); a stale build adds a `next build`,
      // which takes up to 5 minutes on a loaded 2-core machine (`npm test` builds before, so CI does not).
      timeout: 600_000,
      // SIGTERM, not the default SIGKILL: the demo then stops the portal process it started (in its
      // own process group, which a SIGKILL of the demo's group would leave running).
      gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
