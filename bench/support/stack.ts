/**
 * Starts the portal the way a user does, `npm run demo` (development OpenID provider in the demo's
 * process, the portal server as its child), on free loopback ports with a fresh embedded database
 * in a temporary folder, and stops it — every process of it — whatever happens.
 *
 * What the demo does not let us move: its secrets and the provider's signing keys live in the
 * project's .data/ (created on the first run, reused after). The database, the part that starts
 * empty and is migrated, is the temporary PGLITE_DIR.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { staleBuildReason } from "@/scripts/demo/next-build";
import { freePort, pollFor200 } from "@/bench/support/http";
import { startProcess, type Started } from "@/bench/support/processes";
import { note } from "@/bench/support/stats";

export const projectDir = path.resolve(import.meta.dirname, "..", "..");

const BUILD_TIMEOUT_MS = 6 * 60_000;

/** Builds with `next build` when .next is missing or older than the sources (the demo's own rule). */
export async function ensureBuild(): Promise<{ built: boolean; ms: number }> {
  const reason = await staleBuildReason(projectDir);
  if (!reason) return { built: false, ms: 0 };
  if (process.env.BENCH_NO_BUILD === "true") throw new Error(`the build is stale (${reason}) and BENCH_NO_BUILD=true`);
  note(`next build: ${reason}`);
  const started = performance.now();
  // Its output goes to stderr: stdout is for the figures.
  const build = startProcess({
    name: "next build",
    command: process.execPath,
    args: [path.join(projectDir, "node_modules", "next", "dist", "bin", "next"), "build"],
    cwd: projectDir,
    env: { ...process.env, NODE_ENV: "production" },
    onLine: (line) => process.stderr.write(`${line}\n`),
  });
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    build.exited,
    new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), BUILD_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
  await build.stop();
  if (outcome === "timeout") throw new Error("next build took more than 6 minutes");
  if (outcome !== 0) throw new Error(`next build failed (exit code ${outcome})`);
  return { built: true, ms: performance.now() - started };
}

export interface DemoStack {
  /** The public origin, http://localhost:PORT, for sign-in and the browser. */
  portalUrl: string;
  /** The same server by address, for load generation (no name resolution per connection). */
  directUrl: string;
  port: number;
  devOidcPort: number;
  dataDir: string;
  process: Started;
  stop: () => Promise<void>;
}

export interface SpawnDemoOptions {
  /** Extra variables for the demo, and so for the portal process it starts. */
  env?: Record<string, string>;
}

/** Spawns `npm run demo` on free ports with an empty database; does not wait for it. */
export async function spawnDemo(options: SpawnDemoOptions = {}): Promise<DemoStack> {
  const port = await freePort();
  let devOidcPort = await freePort();
  while (devOidcPort === port) devOidcPort = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "portal-bench-"));
  // The demo's public origin is localhost (its default PORTAL_URL): next-auth builds its redirect
  // URI from it, and the provider accepts only that one. The server listens on 127.0.0.1.
  const portalUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DEV_OIDC_PORT: String(devOidcPort),
    PGLITE_DIR: path.join(dataDir, "pglite"),
    LOG_LEVEL: "warn",
    ...options.env,
  };
  // A database the caller's shell points at would not be "fresh and empty"; a PORTAL_URL of the
  // caller's would name another origin.
  delete env.DATABASE_URL;
  if (!options.env?.PORTAL_URL) delete env.PORTAL_URL;
  const started = startProcess({
    name: "npm run demo",
    command: "npm",
    args: ["run", "--silent", "demo"],
    cwd: projectDir,
    env,
    graceMs: 15_000,
  });
  return {
    portalUrl,
    directUrl: `http://127.0.0.1:${port}`,
    port,
    devOidcPort,
    dataDir,
    process: started,
    stop: async () => {
      await started.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `npm run demo`, waited for until GET /api/ready answers 200. */
export async function startDemo(options: SpawnDemoOptions & { readyTimeoutMs?: number } = {}): Promise<DemoStack> {
  const stack = await spawnDemo(options);
  try {
    await pollFor200(`${stack.directUrl}/api/ready`, {
      timeoutMs: options.readyTimeoutMs ?? 120_000,
      intervalMs: 100,
      attemptTimeoutMs: 60_000,
      abort: stack.process.exited,
      abortMessage: () => `npm run demo exited before it was ready:\n${stack.process.tail()}`,
    });
  } catch (error) {
    await stack.stop();
    throw error;
  }
  return stack;
}

/** Runs `body` with a started demo and always stops it. */
export async function withDemo<T>(options: SpawnDemoOptions, body: (stack: DemoStack) => Promise<T>): Promise<T> {
  const stack = await startDemo(options);
  try {
    return await body(stack);
  } finally {
    await stack.stop();
  }
}
