/**
 * The WOPI host under load, against the floor of the same work done without it:
 *
 *   1. a BENCH_WOPI_FILE_BYTES (100 MB) test file with its SHA-256;
 *   2. the WOPI client double (discovery with real RSA proof keys) here, and the portal's WOPI
 *      host in its own process (bench/support/wopi-host-process.ts: the real node route and
 *      dispatcher, local Files storage, PGlite), on free loopback ports;
 *   3. BENCH_ROUNDS rounds (3), order rotated: PutFile (POST …/contents, X-WOPI-Override PUT, under
 *      a WOPI lock, proof-signed, streamed from disk by node:http) and GetFile (streamed, hashed)
 *      through the host, vs the same storage written from and read into a plain Node file stream
 *      inside the host process (no HTTP, no WOPI);
 *      and, as a second floor, the same storage calls behind a bare node:http handler in that
 *      process (the cost of HTTP alone, which no HTTP host can go below);
 *   4. medians, ratio host / direct (aim ≤ 1.5) and host / HTTP floor, the host process's peak resident-memory growth
 *      during its WOPI transfers (aim < 32 MiB; /proc VmRSS sampled every 20 ms, VmHWM reset
 *      before each), and whether every byte came back intact;
 *   5. CheckFileInfo under 200 concurrent keep-alive connections for BENCH_WOPI_LOAD_SECONDS (10 s):
 *      p50/p95/p99 and requests per second (each call proof-checked, token, user and session read
 *      in one query, the file looked up) — on PGlite (the demo's embedded database) and again on
 *      a real PostgreSQL server (test/services/postgres.ts), the production database.
 * Prints one JSON line.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createReadStream } from "node:fs";
import { downloadHash, sampleMemory, writeTestFile } from "@/bench/support/file-transfer";
import { freePort } from "@/bench/support/http";
import { runLoad } from "@/bench/support/load";
import { cpuTimeMs, installCleanup, startProcess, stopAll, type Started } from "@/bench/support/processes";
import { projectDir } from "@/bench/support/stack";
import { median, note, printResult, round } from "@/bench/support/stats";
import { startWopiClientDouble } from "@/test/doubles/wopi-client/wopi-client-double";
import { PostgresNotInstalledError, startPostgres } from "@/test/services/postgres";

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= min && value <= max ? value : fallback;
}

const SIZE = intFromEnv("BENCH_WOPI_FILE_BYTES", 100 * 1000 * 1000, 1024 * 1024, 4 * 1024 ** 3);
const ROUNDS = intFromEnv("BENCH_ROUNDS", 3, 1, 10);
const LOAD_SECONDS = intFromEnv("BENCH_WOPI_LOAD_SECONDS", 10, 2, 120);
const CONNECTIONS = 200;
const MIB = 1024 * 1024;

/** POSTs the file as PutFile, streamed from disk; resolves with the status and wall time. */
function putFile(url: string, headers: Record<string, string>, file: string): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: "POST",
      agent: false,
      headers: { ...headers, "content-length": String(statSync(file).size), connection: "close" },
    });
    req.on("error", reject);
    req.on("response", (response) => {
      response.resume();
      response.on("end", () => resolve({ ms: performance.now() - started, status: response.statusCode ?? 0 }));
    });
    createReadStream(file, { highWaterMark: MIB }).on("error", reject).pipe(req);
  });
}

async function control(port: number, pathAndQuery: string): Promise<{ ms: number; sha256?: string }> {
  const response = await fetch(`http://127.0.0.1:${port}${pathAndQuery}`, { method: "POST" });
  if (!response.ok) throw new Error(`control ${pathAndQuery}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { ms: number; sha256?: string };
}

interface RunningHost {
  origin: string;
  controlPort: number;
  fileId: string;
  token: string;
  /** The host's own Node process (tsx runs it as a child of its CLI). */
  pid: number;
  process: Started;
}

/** Starts bench/support/wopi-host-process.ts on free ports, with the given database variables. */
async function startHost(discoveryUrl: string, work: string, database: Record<string, string>): Promise<RunningHost> {
  const port = await freePort();
  const controlPort = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  let ready: (value: { fileId: string; token: string; pid: number }) => void = () => undefined;
  const readyLine = new Promise<{ fileId: string; token: string; pid: number }>((resolve) => {
    ready = resolve;
  });
  const host = startProcess({
    name: "wopi-host",
    command: process.execPath,
    args: [path.join(projectDir, "node_modules", "tsx", "dist", "cli.mjs"), "bench/support/wopi-host-process.ts"],
    cwd: projectDir,
    env: {
      ...process.env,
      ...database,
      NODE_ENV: "production",
      PORT: String(port),
      PORTAL_URL: origin,
      WOPI_HOST_URL: origin,
      WOPI_DISCOVERY_URL: discoveryUrl,
      WOPI_BENCH_CONTROL_PORT: String(controlPort),
      AUTH_SECRET: process.env.AUTH_SECRET ?? "bench-wopi-secret-bench-wopi-secret-0123",
      FILES_BACKEND: "local",
      FILES_ROOT: path.join(work, `files-${port}`),
      FILES_MAX_UPLOAD_BYTES: String(2 * SIZE),
      LOG_LEVEL: "warn",
    },
    onLine: (line) => {
      const match = /^WOPI-HOST-READY (\{.*\})$/.exec(line);
      if (match?.[1]) ready(JSON.parse(match[1]) as { fileId: string; token: string; pid: number });
      else process.stderr.write(`[wopi-host] ${line}\n`);
    },
  });
  const started = await Promise.race([
    readyLine,
    host.exited.then((code) => Promise.reject(new Error(`the WOPI host exited (${code}): ${host.tail()}`))),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("the WOPI host did not start")), 120_000)),
  ]);
  return { origin, controlPort, ...started, process: host };
}

/**
 * CheckFileInfo under load, with the host process's CPU time per answered request: on a shared,
 * busy machine the latencies say how loaded the machine was, the CPU time what a call costs.
 */
async function measuredLoad(
  pid: number,
  url: string,
  headers: Record<string, string>,
): Promise<Record<string, unknown>> {
  const cpuBefore = cpuTimeMs(pid) ?? 0;
  const result = await runLoad({
    url,
    connections: CONNECTIONS,
    durationSeconds: LOAD_SECONDS,
    headersFor: () => headers,
  });
  const cpu = (cpuTimeMs(pid) ?? 0) - cpuBefore;
  return {
    connections: CONNECTIONS,
    seconds: LOAD_SECONDS,
    ...result,
    hostCpuMsPerRequest: result.requests > 0 ? round(cpu / result.requests, 2) : null,
    loadAverage1m: round(loadavg()[0] ?? 0, 1),
  };
}

async function main(): Promise<void> {
  installCleanup();
  const work = mkdtempSync(path.join(tmpdir(), "bench-wopi-"));
  const double = await startWopiClientDouble();
  try {
    const source = path.join(work, "source.bin");
    note(`writing a ${SIZE}-byte test file`);
    const sha256 = await writeTestFile(source, SIZE);
    const pglite = await startHost(double.discoveryUrl, work, {
      DATABASE_URL: "",
      PGLITE_DIR: path.join(work, "pglite"),
    });
    const { origin, fileId, token, pid: hostPid, controlPort } = pglite;
    const filePath = `/wopi/files/${fileId}`;
    const lock = await double.call(origin, {
      method: "POST",
      path: filePath,
      token,
      headers: { "x-wopi-override": "LOCK", "x-wopi-lock": "bench-lock" },
    });
    if (lock.status !== 200) throw new Error(`Lock answered ${lock.status}`);

    const times = {
      wopiPut: [] as number[],
      wopiGet: [] as number[],
      floorPut: [] as number[],
      floorGet: [] as number[],
      directPut: [] as number[],
      directGet: [] as number[],
    };
    const growth = { put: 0, get: 0 };
    let intact = true;
    for (let round_ = 0; round_ < ROUNDS; round_ += 1) {
      const targets = ["wopi", "floor", "direct"];
      const order = [...targets.slice(round_ % 3), ...targets.slice(0, round_ % 3)];
      for (const target of order) {
        if (target === "wopi") {
          const put = double.signed(origin, {
            method: "POST",
            path: `${filePath}/contents`,
            token,
            headers: { "x-wopi-override": "PUT", "x-wopi-lock": "bench-lock" },
          });
          const putMemory = sampleMemory(hostPid);
          const putResult = await putFile(put.url, put.headers, source);
          const putPeak = putMemory.stop();
          if (putResult.status !== 200) throw new Error(`PutFile answered ${putResult.status}`);
          times.wopiPut.push(putResult.ms);
          growth.put = Math.max(growth.put, putPeak.peak - putPeak.baseline);
          const get = double.signed(origin, { method: "GET", path: `${filePath}/contents`, token });
          const getMemory = sampleMemory(hostPid);
          const getResult = await downloadHash(get.url, get.headers);
          const getPeak = getMemory.stop();
          if (getResult.status !== 200) throw new Error(`GetFile answered ${getResult.status}`);
          intact &&= getResult.sha256 === sha256 && getResult.bytes === SIZE;
          times.wopiGet.push(getResult.ms);
          growth.get = Math.max(growth.get, getPeak.peak - getPeak.baseline);
        } else if (target === "floor") {
          const putResult = await putFile(`http://127.0.0.1:${controlPort}/floor-put`, {}, source);
          if (putResult.status !== 200) throw new Error(`floor PUT answered ${putResult.status}`);
          times.floorPut.push(putResult.ms);
          const getResult = await downloadHash(`http://127.0.0.1:${controlPort}/floor-get`, {});
          intact &&= getResult.sha256 === sha256;
          times.floorGet.push(getResult.ms);
        } else {
          times.directPut.push((await control(controlPort, `/direct-put?file=${encodeURIComponent(source)}`)).ms);
          const read = await control(controlPort, "/direct-get");
          intact &&= read.sha256 === sha256;
          times.directGet.push(read.ms);
        }
        note(`round ${round_ + 1}: ${target} done`);
      }
    }

    const info = double.signed(origin, { method: "GET", path: filePath, token });
    const load = await measuredLoad(hostPid, info.url, info.headers);
    await pglite.process.stop();
    // The same load with the database production uses: a real PostgreSQL server.
    let loadPostgres: Record<string, unknown> | null = null;
    try {
      const postgres = await startPostgres();
      try {
        const onPostgres = await startHost(double.discoveryUrl, work, { DATABASE_URL: postgres.url, PGLITE_DIR: "" });
        const signed = double.signed(onPostgres.origin, {
          method: "GET",
          path: `/wopi/files/${onPostgres.fileId}`,
          token: onPostgres.token,
        });
        loadPostgres = await measuredLoad(onPostgres.pid, signed.url, signed.headers);
        await onPostgres.process.stop();
      } finally {
        await postgres.stop();
      }
    } catch (error) {
      if (!(error instanceof PostgresNotInstalledError)) throw error;
      note("PostgreSQL is not installed: CheckFileInfo measured on PGlite only");
    }

    const med = (values: number[]) => round(median(values), 0);
    const putRatio = round(median(times.wopiPut) / median(times.directPut), 2);
    const getRatio = round(median(times.wopiGet) / median(times.directGet), 2);
    const peakGrowthMiB = round(Math.max(growth.put, growth.get) / MIB, 1);
    printResult({
      benchmark: "wopi-transfer",
      fileBytes: SIZE,
      rounds: ROUNDS,
      putFile: {
        wopiMs: med(times.wopiPut),
        directMs: med(times.directPut),
        ratio: putRatio,
        httpFloorMs: med(times.floorPut),
        ratioToHttpFloor: round(median(times.wopiPut) / median(times.floorPut), 2),
      },
      getFile: {
        wopiMs: med(times.wopiGet),
        directMs: med(times.directGet),
        ratio: getRatio,
        httpFloorMs: med(times.floorGet),
        ratioToHttpFloor: round(median(times.wopiGet) / median(times.floorGet), 2),
      },
      peakRssGrowthMiB: { putFile: round(growth.put / MIB, 1), getFile: round(growth.get / MIB, 1) },
      intact,
      checkFileInfo: load,
      checkFileInfoPostgres: loadPostgres,
      aims: {
        ratioWithin1_5: putRatio <= 1.5 && getRatio <= 1.5,
        rssGrowthUnder32MiB: peakGrowthMiB < 32,
      },
    });
  } finally {
    await double.stop();
    await stopAll();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch(async (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  await stopAll();
  process.exit(1);
});
