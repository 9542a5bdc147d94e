/** Loopback HTTP helpers: free ports, bounded polling. */
import { get as httpGet } from "node:http";
import { createServer } from "node:net";
import { sleep } from "@/bench/support/stats";

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

export interface PollOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Time one attempt may take (default 2 s). A route that is slow to answer its first request
   * (e.g. /api/ready opening the database) needs a long one, or every attempt would be cut. */
  attemptTimeoutMs?: number;
  /** Rejects early when this settles (the process under test died). */
  abort?: Promise<unknown>;
  abortMessage?: () => string;
}

/**
 * One GET on a fresh connection (node:http, no pool): undici's pooled fetch was seen to leave two
 * concurrent polls of one origin hanging forever after their first ECONNREFUSED.
 */
function getOnce(url: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { agent: false, headers: { connection: "close" }, timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= 1_000_000) chunks.push(chunk);
      });
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
      );
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on("error", reject);
  });
}

/**
 * GETs `url` until it answers 200; resolves with the time (performance.now()) of that answer and
 * its body. Bounded by `timeoutMs`; each attempt by `attemptTimeoutMs`.
 */
export async function pollFor200(url: string, options: PollOptions): Promise<{ at: number; body: string }> {
  let aborted = false;
  void options.abort?.then(() => {
    aborted = true;
  });
  const deadline = performance.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 50;
  while (performance.now() < deadline) {
    if (aborted) throw new Error(options.abortMessage?.() ?? `stopped before ${url} answered`);
    try {
      const remaining = Math.max(100, deadline - performance.now());
      const response = await getOnce(url, Math.min(options.attemptTimeoutMs ?? 2000, remaining));
      if (response.status === 200) return { at: performance.now(), body: response.body };
    } catch {
      // not listening yet
    }
    await sleep(interval);
  }
  throw new Error(`${url} did not answer 200 within ${Math.round(options.timeoutMs / 1000)} s`);
}
