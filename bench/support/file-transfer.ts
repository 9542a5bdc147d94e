/**
 * Large-file helpers of the Files benchmarks: a test file streamed to disk (never in memory) with
 * its SHA-256, timed uploads and downloads over node:http (one fresh connection each, the same
 * client for every target so only the server side differs), download hashes, and a sampler of a
 * process's resident memory.
 */
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream, readFileSync, writeFileSync } from "node:fs";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

const BLOCK = 1024 * 1024;

/**
 * Writes `size` pseudo-random bytes to `file` and returns their SHA-256. One random MiB is drawn
 * per 64 MiB and varied per block (an incrementing word), so the bytes do not repeat and do not
 * compress, at a fraction of the CPU of drawing 1 GiB of randomness.
 */
export async function writeTestFile(file: string, size: number): Promise<string> {
  const hash = createHash("sha256");
  let written = 0;
  let seed = randomBytes(BLOCK);
  async function* blocks(): AsyncGenerator<Buffer> {
    let index = 0;
    while (written < size) {
      if (index % 64 === 0) seed = randomBytes(BLOCK);
      const block = Buffer.from(seed.subarray(0, Math.min(BLOCK, size - written)));
      for (let offset = 0; offset + 4 <= block.length; offset += 4096) block.writeUInt32LE(index, offset);
      index += 1;
      written += block.length;
      hash.update(block);
      yield block;
    }
  }
  await pipeline(Readable.from(blocks()), createWriteStream(file));
  return hash.digest("hex");
}

export interface Transfer {
  ms: number;
  status: number;
}

async function drain(response: IncomingMessage): Promise<void> {
  for await (const chunk of response) void chunk;
}

/** PUTs `file` (`size` bytes) to `url`, streamed; resolves when the server answered and the body is read. */
export function uploadFile(
  url: string,
  file: string,
  size: number,
  headers: Record<string, string>,
): Promise<Transfer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: "PUT",
      agent: false,
      headers: { ...headers, "content-length": String(size), connection: "close" },
    });
    req.on("error", reject);
    req.on("response", (response) => {
      drain(response).then(
        () => resolve({ ms: performance.now() - started, status: response.statusCode ?? 0 }),
        reject,
      );
    });
    createReadStream(file, { highWaterMark: BLOCK }).on("error", reject).pipe(req);
  });
}

/** GETs `url` and hashes the body as it arrives. */
export function downloadHash(
  url: string,
  headers: Record<string, string>,
): Promise<Transfer & { sha256: string; bytes: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: "GET", agent: false, headers: { ...headers, connection: "close" } });
    req.on("error", reject);
    req.on("response", (response) => {
      const hash = createHash("sha256");
      let bytes = 0;
      response.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        hash.update(chunk);
      });
      response.on("error", reject);
      response.on("end", () =>
        resolve({
          ms: performance.now() - started,
          status: response.statusCode ?? 0,
          sha256: hash.digest("hex"),
          bytes,
        }),
      );
    });
    req.end();
  });
}

function statusField(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match?.[1] ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function residentBytes(pid: number): number | null {
  return statusField(pid, "VmRSS");
}

/**
 * Samples a process's resident memory every `intervalMs` during a transfer. It also resets the
 * kernel's high-water mark first (`5` into /proc/<pid>/clear_refs, allowed on our own processes)
 * and reads VmHWM at the end, so a peak between two samples is not missed.
 */
export function sampleMemory(pid: number, intervalMs = 20): { stop: () => { baseline: number; peak: number } } {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    // not permitted: the samples alone then
  }
  const baseline = residentBytes(pid) ?? 0;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, residentBytes(pid) ?? 0);
  }, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      peak = Math.max(peak, residentBytes(pid) ?? 0, statusField(pid, "VmHWM") ?? 0);
      return { baseline, peak };
    },
  };
}
