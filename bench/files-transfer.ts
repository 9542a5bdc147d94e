/**
 * A 1 GiB upload and download through the portal, against the same transfer (a) directly on the
 * WebDAV server (Debian's Apache with mod_dav, test/services/apache-webdav.ts) and (b) through a
 * bare Node streaming proxy in front of it (bench/support/streaming-floor-proxy.ts: undici
 * `request` + `pipeline`), the floor of any Node proxy — all in the same run, same client.
 *
 * 1. the test file (BENCH_FILE_BYTES, 1 GiB) is streamed to a temporary file with its SHA-256;
 * 2. Apache, the floor proxy and `npm run demo` start on free loopback ports; alice signs in
 *    through the real OIDC flow;
 * 3. BENCH_ROUNDS rounds (3), the order of the three targets rotated each round: PUT the file,
 *    then GET it back, hashing every byte;
 * 4. medians of wall time per target and direction, ratio portal / floor (aim ≤ 1.5), the portal
 *    process's peak resident-memory growth during its transfers (aim < 32 MiB; /proc VmRSS sampled
 *    every 20 ms plus VmHWM reset before each transfer), and whether every byte came back intact.
 *
 * The portal's storage: FILES_BACKEND=local (disk under a temporary FILES_ROOT) — the output says
 * so in `portalBackend`. Through Nextcloud the portal would relay to Apache like the floor does;
 * that variant needs the Nextcloud adapter and its credential store (see the report).
 * Prints one JSON line.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startApacheWebdav, type RunningApacheWebdav } from "@/test/services/apache-webdav";
import { downloadHash, sampleMemory, uploadFile, writeTestFile } from "@/bench/support/file-transfer";
import { descendants, installCleanup, startProcess, stopAll, type Started } from "@/bench/support/processes";
import { signIn } from "@/bench/support/sign-in";
import { ensureBuild, projectDir, startDemo, type DemoStack } from "@/bench/support/stack";
import { median, note, printResult, round } from "@/bench/support/stats";

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

const SIZE = intFromEnv("BENCH_FILE_BYTES", 1024 ** 3, 1024 * 1024, 8 * 1024 ** 3);
const ROUNDS = intFromEnv("BENCH_ROUNDS", 3, 1, 10);
const MIB = 1024 * 1024;

type Target = "direct" | "floor" | "portal";

interface Endpoint {
  putUrl: (name: string) => string;
  getUrl: (name: string) => string;
  headers: Record<string, string>;
}

async function startFloorProxy(upstream: string, authorization: string): Promise<{ origin: string; process: Started }> {
  let resolvePort: (port: number) => void = () => undefined;
  const port = new Promise<number>((resolve) => {
    resolvePort = resolve;
  });
  const proxy = startProcess({
    name: "streaming floor proxy",
    command: process.execPath,
    args: [
      path.join(projectDir, "node_modules", "tsx", "dist", "cli.mjs"),
      "bench/support/streaming-floor-proxy.ts",
      upstream,
      authorization,
    ],
    cwd: projectDir,
    env: { ...process.env, NODE_ENV: "production" },
    onLine: (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match) resolvePort(Number(match[1]));
    },
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error("floor proxy did not start")), 30_000),
  );
  return { origin: `http://127.0.0.1:${await Promise.race([port, timeout])}`, process: proxy };
}

/** The portal's server process (the node running server/main.ts with the most memory: tsx's child). */
function portalPid(stack: DemoStack): number {
  const candidates = descendants(stack.process.pid).filter((p) => p.command.includes("server/main.ts"));
  const leaf = candidates.find(
    (candidate) => !candidates.some((other) => descendants(candidate.pid).some((d) => d.pid === other.pid)),
  );
  if (!leaf) throw new Error("portal process not found");
  return leaf.pid;
}

async function main(): Promise<void> {
  installCleanup();
  const build = await ensureBuild();
  const work = mkdtempSync(path.join(tmpdir(), "bench-files-"));
  let apache: RunningApacheWebdav | undefined;
  let stack: DemoStack | undefined;
  try {
    const file = path.join(work, "source.bin");
    note(`writing a ${round(SIZE / MIB, 0)} MiB test file`);
    const expected = await writeTestFile(file, SIZE);

    const user = { name: "bench", password: "bench-password-1" };
    apache = await startApacheWebdav([user]);
    const davBase = `${apache.origin}${apache.urlPath(user.name, "files")}`;
    const authorization = `Basic ${Buffer.from(`${user.name}:${user.password}`).toString("base64")}`;
    const floor = await startFloorProxy(apache.origin, authorization);
    const floorBase = `${floor.origin}${apache.urlPath(user.name, "files")}`;

    stack = await startDemo({
      env: {
        FILES_BACKEND: "local",
        FILES_ROOT: path.join(work, "portal-files"),
        FILES_MAX_UPLOAD_BYTES: String(SIZE * 2),
      },
    });
    const session = await signIn(stack.portalUrl, "alice.martin");
    const pid = portalPid(stack);
    const portalBase = stack.directUrl;

    const endpoints: Record<Target, Endpoint> = {
      direct: { putUrl: (n) => `${davBase}${n}`, getUrl: (n) => `${davBase}${n}`, headers: { authorization } },
      floor: { putUrl: (n) => `${floorBase}${n}`, getUrl: (n) => `${floorBase}${n}`, headers: {} },
      portal: {
        putUrl: (n) => `${portalBase}/api/files/content?path=${encodeURIComponent(`/${n}`)}`,
        getUrl: (n) => `${portalBase}/api/files/content?path=${encodeURIComponent(`/${n}`)}&download=1`,
        headers: { cookie: session.cookie },
      },
    };

    const times: Record<Target, { upload: number[]; download: number[] }> = {
      direct: { upload: [], download: [] },
      floor: { upload: [], download: [] },
      portal: { upload: [], download: [] },
    };
    const memory = { uploadPeakGrowth: 0, downloadPeakGrowth: 0 };
    let intact = true;
    const order: Target[] = ["direct", "floor", "portal"];

    for (let roundIndex = 0; roundIndex < ROUNDS; roundIndex += 1) {
      for (let step = 0; step < order.length; step += 1) {
        const target = order[(roundIndex + step) % order.length] as Target;
        const endpoint = endpoints[target];
        const name = `round-${roundIndex}-${target}.bin`;

        const uploadMemory = target === "portal" ? sampleMemory(pid) : null;
        const upload = await uploadFile(endpoint.putUrl(name), file, SIZE, endpoint.headers);
        const uploadRss = uploadMemory?.stop();
        if (upload.status < 200 || upload.status > 299) throw new Error(`${target} PUT answered ${upload.status}`);

        const downloadMemory = target === "portal" ? sampleMemory(pid) : null;
        const download = await downloadHash(endpoint.getUrl(name), endpoint.headers);
        const downloadRss = downloadMemory?.stop();
        if (download.status !== 200) throw new Error(`${target} GET answered ${download.status}`);

        if (download.sha256 !== expected || download.bytes !== SIZE) intact = false;
        times[target].upload.push(upload.ms);
        times[target].download.push(download.ms);
        if (uploadRss) memory.uploadPeakGrowth = Math.max(memory.uploadPeakGrowth, uploadRss.peak - uploadRss.baseline);
        if (downloadRss)
          memory.downloadPeakGrowth = Math.max(memory.downloadPeakGrowth, downloadRss.peak - downloadRss.baseline);
        note(
          `round ${roundIndex + 1} ${target}: PUT ${round(upload.ms / 1000, 2)} s, GET ${round(download.ms / 1000, 2)} s${
            download.sha256 === expected ? "" : " (HASH MISMATCH)"
          }`,
        );
      }
    }

    const summary = (target: Target) => {
      const up = median(times[target].upload);
      const down = median(times[target].download);
      return {
        uploadSeconds: round(up / 1000, 2),
        downloadSeconds: round(down / 1000, 2),
        uploadMiBps: round(SIZE / MIB / (up / 1000), 0),
        downloadMiBps: round(SIZE / MIB / (down / 1000), 0),
      };
    };
    const ratio = (direction: "upload" | "download") =>
      round(median(times.portal[direction]) / median(times.floor[direction]), 2);

    printResult({
      benchmark: "files-transfer",
      bytes: SIZE,
      rounds: ROUNDS,
      portalBackend: "local",
      webdavServer: "apache2 mod_dav (Debian)",
      direct: summary("direct"),
      floor: summary("floor"),
      portal: summary("portal"),
      ratioPortalToFloor: { upload: ratio("upload"), download: ratio("download") },
      aimRatio: 1.5,
      portalPeakRssGrowthMiB: {
        upload: round(memory.uploadPeakGrowth / MIB, 1),
        download: round(memory.downloadPeakGrowth / MIB, 1),
      },
      aimRssGrowthMiB: 32,
      intact,
      sha256: expected,
      ...(build.built ? { buildSeconds: Math.round(build.ms / 1000) } : {}),
    });
    await floor.process.stop();
  } finally {
    await stack?.stop();
    await apache?.stop();
    await stopAll();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  printResult({ benchmark: "files-transfer", error: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
});
