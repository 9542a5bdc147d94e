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
 *
 * With Nextcloud, a 1 GiB PUT to the portal becomes chunked upload v2 (NEXTCLOUD_CHUNK_BYTES
 * chunks, BENCH_NEXTCLOUD_CHUNK_BYTES here, 100 MiB by default) and the double then assembles
 * the chunks into the file, rereading and rewriting every byte as Nextcloud does. That protocol
 * is measured without the portal too, so its cost is not taken for the portal's:
 * `chunkedDirect` (a bare client doing the same chunked upload straight to the double) and
 * `chunkedViaFloor` (the same through the floor proxy in front of the double), uploads only;
 * `ratioPortalToChunked` gives the portal's upload against both.
 *
 * Memory: the portal runs with `--expose-gc` and bench/support/memory-probe.mjs, which samples
 * `process.memoryUsage()` every 20 ms and collects garbage on request; around each portal
 * transfer the benchmark collects before (baseline) and after (what is still held), and reports
 * the peak growth of RSS, V8 heap and ArrayBuffers (request bodies live there) during the
 * transfer and what remains after a full collection (`portalMemoryMiB`).
 * Prints one JSON line.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { uploadChunked } from "@/bench/support/chunked-upload-client";
import { downloadHash, sampleMemory, uploadFile, writeTestFile } from "@/bench/support/file-transfer";
import { MemoryProbe, type ProbeWindow } from "@/bench/support/memory-probe-reader";
import { descendants, installCleanup, startProcess, stopAll, type Started } from "@/bench/support/processes";
import { signIn } from "@/bench/support/sign-in";
import { ensureBuild, projectDir, startDemo, type DemoStack } from "@/bench/support/stack";
import { median, note, printResult, round } from "@/bench/support/stats";

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

const MIB = 1024 * 1024;
const SIZE = intFromEnv("BENCH_FILE_BYTES", 1024 ** 3, 1024 * 1024, 8 * 1024 ** 3);
const ROUNDS = intFromEnv("BENCH_ROUNDS", 3, 1, 10);
const BACKEND: "nextcloud" | "local" = process.env.BENCH_FILES_BACKEND === "local" ? "local" : "nextcloud";
/** The portal's NEXTCLOUD_CHUNK_BYTES, and the chunk of the chunked references (its default: 100 MiB). */
const CHUNK_BYTES = intFromEnv("BENCH_NEXTCLOUD_CHUNK_BYTES", 100 * MIB, 5 * MIB, 5 * 1024 ** 3);

type Target = "direct" | "floor" | "floorViaNextcloud" | "chunkedDirect" | "chunkedViaFloor" | "portal";
/** Targets measured for uploads only (their download is the plain GET of `floorViaNextcloud`). */
const UPLOAD_ONLY: ReadonlySet<Target> = new Set(["chunkedDirect", "chunkedViaFloor"]);

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
  /** Chunked upload v2 at this origin instead of one PUT. */
  chunkedOrigin?: string;
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
    let viaDoubleOrigin: string | undefined;
    let doubleAuthorization = "";
    if (BACKEND === "nextcloud") {
      const appPassword = await (await post(`${standIn.control}/app-password`)).text();
      doubleAuthorization = `Basic ${Buffer.from(`${user.name}:${appPassword}`).toString("base64")}`;
      const viaDouble = await startFloorProxy(standIn.nextcloud, doubleAuthorization);
      viaDoubleOrigin = viaDouble.origin;
      floorViaNextcloudBase = `${viaDouble.origin}/remote.php/dav/files/${user.name}/`;
    }
    const probeDir = path.join(work, "memory-probe");
    mkdirSync(probeDir);
    const probeEnv = {
      NODE_OPTIONS:
        `${process.env.NODE_OPTIONS ?? ""} --expose-gc --import ${pathToFileURL(path.join(projectDir, "bench", "support", "memory-probe.mjs")).href}`.trim(),
      MEMORY_PROBE_DIR: probeDir,
    };

    stack = await startDemo({
      env:
        BACKEND === "nextcloud"
          ? {
              FILES_BACKEND: "nextcloud",
              NEXTCLOUD_URL: standIn.nextcloud,
              NEXTCLOUD_AUTH: "app-password",
              NEXTCLOUD_TIMEOUT_MS: "300000",
              NEXTCLOUD_CHUNK_BYTES: String(CHUNK_BYTES),
              FILES_MAX_UPLOAD_BYTES: String(SIZE * 2),
              ...probeEnv,
            }
          : {
              FILES_BACKEND: "local",
              FILES_ROOT: path.join(work, "portal-files"),
              FILES_MAX_UPLOAD_BYTES: String(SIZE * 2),
              ...probeEnv,
            },
    });
    const session = await signIn(stack.portalUrl, "alice.martin");
    if (BACKEND === "nextcloud") await connectNextcloud(stack, session.cookie, standIn);
    const pid = portalPid(stack);
    const probe = new MemoryProbe(probeDir, pid);
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
      ...(viaDoubleOrigin
        ? {
            chunkedDirect: {
              putUrl: (n: string) => n,
              getUrl: (n: string) => n,
              headers: { authorization: doubleAuthorization },
              chunkedOrigin: standIn.nextcloud,
            },
            chunkedViaFloor: {
              putUrl: (n: string) => n,
              getUrl: (n: string) => n,
              headers: {},
              chunkedOrigin: viaDoubleOrigin,
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
      chunkedDirect: { upload: [], download: [] },
      chunkedViaFloor: { upload: [], download: [] },
      portal: { upload: [], download: [] },
    };
    const memory = { uploadPeakGrowth: 0, downloadPeakGrowth: 0 };
    const probed: { upload: ProbeWindow[]; download: ProbeWindow[] } = { upload: [], download: [] };
    let intact = true;

    for (let roundIndex = 0; roundIndex < ROUNDS; roundIndex += 1) {
      for (let step = 0; step < order.length; step += 1) {
        const target = order[(roundIndex + step) % order.length] as Target;
        const endpoint = endpoints[target] as Endpoint;
        const name = `round-${roundIndex}-${target}.bin`;

        if (endpoint.chunkedOrigin) {
          const chunked = await uploadChunked({
            origin: endpoint.chunkedOrigin,
            destinationOrigin: standIn.nextcloud,
            user: user.name,
            name,
            file,
            size: SIZE,
            chunkBytes: CHUNK_BYTES,
            headers: endpoint.headers,
          });
          if (chunked.status !== 201 && chunked.status !== 204)
            throw new Error(`${target} chunked upload answered ${chunked.status}`);
          times[target].upload.push(chunked.ms);
          note(`round ${roundIndex + 1} ${target}: ${chunked.chunks} chunks + MOVE ${round(chunked.ms / 1000, 2)} s`);
          continue;
        }

        const portalTransfer = target === "portal";
        const uploadWindow = portalTransfer ? await probe.begin() : null;
        const uploadMemory = portalTransfer ? sampleMemory(pid) : null;
        const upload = await uploadFile(endpoint.putUrl(name), file, SIZE, endpoint.headers);
        const uploadRss = uploadMemory?.stop();
        if (uploadWindow) probed.upload.push(await uploadWindow.end());
        if (upload.status < 200 || upload.status > 299) throw new Error(`${target} PUT answered ${upload.status}`);

        const downloadWindow = portalTransfer ? await probe.begin() : null;
        const downloadMemory = portalTransfer ? sampleMemory(pid) : null;
        const download = await downloadHash(endpoint.getUrl(name), endpoint.headers);
        const downloadRss = downloadMemory?.stop();
        if (downloadWindow) probed.download.push(await downloadWindow.end());
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
      if (UPLOAD_ONLY.has(target))
        return { uploadSeconds: round(up / 1000, 2), uploadMiBps: round(SIZE / MIB / (up / 1000), 0) };
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
    const chunkedUpload = BACKEND === "nextcloud" && SIZE > CHUNK_BYTES;

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
      ...(BACKEND === "nextcloud"
        ? {
            nextcloudChunkBytes: CHUNK_BYTES,
            portalUploadIsChunked: chunkedUpload,
            floorViaNextcloud: summary("floorViaNextcloud"),
            chunkedDirect: summary("chunkedDirect"),
            chunkedViaFloor: summary("chunkedViaFloor"),
          }
        : {}),
      portal: summary("portal"),
      ratioPortalToFloor: { upload: ratio("upload"), download: ratio("download") },
      ...(BACKEND === "nextcloud"
        ? {
            ratioPortalToFloorViaNextcloud: {
              upload: ratio("upload", "floorViaNextcloud"),
              download: ratio("download", "floorViaNextcloud"),
            },
            ratioPortalToChunked: {
              direct: ratio("upload", "chunkedDirect"),
              viaFloor: ratio("upload", "chunkedViaFloor"),
            },
          }
        : {}),
      aimRatio: 1.5,
      portalPeakRssGrowthMiB: {
        upload: round(memory.uploadPeakGrowth / MIB, 1),
        download: round(memory.downloadPeakGrowth / MIB, 1),
      },
      aimRssGrowthMiB: 32,
      portalMemoryMiB: {
        upload: MemoryProbe.summarise(probed.upload),
        download: MemoryProbe.summarise(probed.download),
      },
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
