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
 * The portal's storage (BENCH_FILES_BACKEND, `portalBackend` in the output):
 *   - `nextcloud` (default): FILES_BACKEND=nextcloud, NEXTCLOUD_AUTH=app-password, pointed at the
 *     Nextcloud contract double of the tests in front of the same Apache
 *     (bench/support/nextcloud-stand-in.ts, its own process); alice connects her account through
 *     the portal's own Login Flow v2 routes, so the app password is stored as in production. The
 *     double is one more Node hop, so the run also measures the floor proxy in front of the double
 *     (`floorViaNextcloud`) and gives the ratio to both floors;
 *   - `local`: FILES_BACKEND=local, disk under a temporary FILES_ROOT.
 * Prints one JSON line.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
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
const BACKEND: "nextcloud" | "local" = process.env.BENCH_FILES_BACKEND === "local" ? "local" : "nextcloud";

type Target = "direct" | "floor" | "floorViaNextcloud" | "portal";

interface StandIn {
  apache: string;
  davPath: string;
  nextcloud: string;
  control: string;
}

interface Endpoint {
  putUrl: (name: string) => string;
  getUrl: (name: string) => string;
  headers: Record<string, string>;
}

function tsxArgs(script: string, ...rest: string[]): string[] {
  return [path.join(projectDir, "node_modules", "tsx", "dist", "cli.mjs"), script, ...rest];
}

/** Starts a helper process and waits for its first output line matching `pattern`. */
async function startHelper(
  name: string,
  args: string[],
  pattern: RegExp,
): Promise<{ match: RegExpExecArray; process: Started }> {
  let resolveLine: (match: RegExpExecArray) => void = () => undefined;
  const line = new Promise<RegExpExecArray>((resolve) => {
    resolveLine = resolve;
  });
  const started = startProcess({
    name,
    command: process.execPath,
    args,
    cwd: projectDir,
    env: { ...process.env, NODE_ENV: "production" },
    onLine: (text) => {
      const match = pattern.exec(text);
      if (match) resolveLine(match);
    },
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`${name} did not start:\n${started.tail()}`)), 60_000),
  );
  return { match: await Promise.race([line, timeout]), process: started };
}

async function startFloorProxy(upstream: string, authorization: string): Promise<{ origin: string; process: Started }> {
  const { match, process: proxy } = await startHelper(
    "streaming floor proxy",
    tsxArgs("bench/support/streaming-floor-proxy.ts", upstream, authorization),
    /^listening (\d+)$/,
  );
  return { origin: `http://127.0.0.1:${match[1]}`, process: proxy };
}

async function post(url: string, cookie?: string): Promise<Response> {
  return fetch(url, { method: "POST", headers: cookie ? { cookie } : {}, signal: AbortSignal.timeout(30_000) });
}

/** alice connects her Nextcloud account through the portal's Login Flow v2 routes. */
async function connectNextcloud(stack: DemoStack, cookie: string, standIn: StandIn): Promise<void> {
  const started = await post(`${stack.directUrl}/api/files/nextcloud/connect/start`, cookie);
  if (started.status !== 200) throw new Error(`connect/start answered ${started.status}: ${await started.text()}`);
  const { loginUrl } = (await started.json()) as { loginUrl: string };
  const granted = await post(`${standIn.control}/grant?login=${encodeURIComponent(loginUrl)}`);
  if (granted.status !== 204) throw new Error(`granting the login flow answered ${granted.status}`);
  const polled = await post(`${stack.directUrl}/api/files/nextcloud/connect/poll`, cookie);
  const answer = (await polled.json()) as { connected?: boolean };
  if (!answer.connected) throw new Error(`connect/poll: ${JSON.stringify(answer)}`);
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
  let stack: DemoStack | undefined;
  try {
    const file = path.join(work, "source.bin");
    note(`writing a ${round(SIZE / MIB, 0)} MiB test file`);
    const expected = await writeTestFile(file, SIZE);

    const user = { name: "bench", password: "bench-password-1" };
    const { match: standInLine } = await startHelper(
      "nextcloud stand-in",
      tsxArgs("bench/support/nextcloud-stand-in.ts", user.name, user.password),
      /^(\{.*"control".*\})$/,
    );
    const standIn = JSON.parse(standInLine[1] ?? "{}") as StandIn;
    const davBase = `${standIn.apache}${standIn.davPath}`;
    const authorization = `Basic ${Buffer.from(`${user.name}:${user.password}`).toString("base64")}`;
    const floor = await startFloorProxy(standIn.apache, authorization);
    const floorBase = `${floor.origin}${standIn.davPath}`;
    let floorViaNextcloudBase: string | undefined;
    if (BACKEND === "nextcloud") {
      const appPassword = await (await post(`${standIn.control}/app-password`)).text();
      const viaDouble = await startFloorProxy(
        standIn.nextcloud,
        `Basic ${Buffer.from(`${user.name}:${appPassword}`).toString("base64")}`,
      );
      floorViaNextcloudBase = `${viaDouble.origin}/remote.php/dav/files/${user.name}/`;
    }

    stack = await startDemo({
      env:
        BACKEND === "nextcloud"
          ? {
              FILES_BACKEND: "nextcloud",
              NEXTCLOUD_URL: standIn.nextcloud,
              NEXTCLOUD_AUTH: "app-password",
              NEXTCLOUD_TIMEOUT_MS: "300000",
              FILES_MAX_UPLOAD_BYTES: String(SIZE * 2),
            }
          : {
              FILES_BACKEND: "local",
              FILES_ROOT: path.join(work, "portal-files"),
              FILES_MAX_UPLOAD_BYTES: String(SIZE * 2),
            },
    });
    const session = await signIn(stack.portalUrl, "alice.martin");
    if (BACKEND === "nextcloud") await connectNextcloud(stack, session.cookie, standIn);
    const pid = portalPid(stack);
    const portalBase = stack.directUrl;

    const endpoints: Partial<Record<Target, Endpoint>> = {
      direct: { putUrl: (n) => `${davBase}${n}`, getUrl: (n) => `${davBase}${n}`, headers: { authorization } },
      floor: { putUrl: (n) => `${floorBase}${n}`, getUrl: (n) => `${floorBase}${n}`, headers: {} },
      ...(floorViaNextcloudBase
        ? {
            floorViaNextcloud: {
              putUrl: (n: string) => `${floorViaNextcloudBase}${n}`,
              getUrl: (n: string) => `${floorViaNextcloudBase}${n}`,
              headers: {},
            },
          }
        : {}),
      portal: {
        putUrl: (n) => `${portalBase}/api/files/content?path=${encodeURIComponent(`/${n}`)}`,
        getUrl: (n) => `${portalBase}/api/files/content?path=${encodeURIComponent(`/${n}`)}&download=1`,
        headers: { cookie: session.cookie },
      },
    };
    const order = Object.keys(endpoints) as Target[];

    const times: Record<Target, { upload: number[]; download: number[] }> = {
      direct: { upload: [], download: [] },
      floor: { upload: [], download: [] },
      floorViaNextcloud: { upload: [], download: [] },
      portal: { upload: [], download: [] },
    };
    const memory = { uploadPeakGrowth: 0, downloadPeakGrowth: 0 };
    let intact = true;

    for (let roundIndex = 0; roundIndex < ROUNDS; roundIndex += 1) {
      for (let step = 0; step < order.length; step += 1) {
        const target = order[(roundIndex + step) % order.length] as Target;
        const endpoint = endpoints[target] as Endpoint;
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
            uploadRss && downloadRss
              ? `, RSS growth PUT ${round((uploadRss.peak - uploadRss.baseline) / MIB, 1)} MiB, GET ${round((downloadRss.peak - downloadRss.baseline) / MIB, 1)} MiB`
              : ""
          }${download.sha256 === expected ? "" : " (HASH MISMATCH)"}`,
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
    const ratio = (direction: "upload" | "download", floorTarget: Target = "floor") =>
      round(median(times.portal[direction]) / median(times[floorTarget][direction]), 2);

    printResult({
      benchmark: "files-transfer",
      bytes: SIZE,
      rounds: ROUNDS,
      portalBackend: BACKEND,
      webdavServer: "apache2 mod_dav (Debian)",
      ...(BACKEND === "nextcloud"
        ? { nextcloud: "contract double (test/doubles/nextcloud) in front of that Apache" }
        : {}),
      direct: summary("direct"),
      floor: summary("floor"),
      ...(BACKEND === "nextcloud" ? { floorViaNextcloud: summary("floorViaNextcloud") } : {}),
      portal: summary("portal"),
      ratioPortalToFloor: { upload: ratio("upload"), download: ratio("download") },
      ...(BACKEND === "nextcloud"
        ? {
            ratioPortalToFloorViaNextcloud: {
              upload: ratio("upload", "floorViaNextcloud"),
              download: ratio("download", "floorViaNextcloud"),
            },
          }
        : {}),
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
  } finally {
    await stack?.stop();
    await stopAll();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  printResult({ benchmark: "files-transfer", error: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
});
