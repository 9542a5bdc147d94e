/** Loopback HTTP helpers: free ports, bounded polling. */
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
  /** Rejects early when this settles (the process under test died). */
  abort?: Promise<unknown>;
  abortMessage?: () => string;
}

/**
 * GETs `url` until it answers 200; resolves with the time (performance.now()) of that answer.
 * Bounded by `timeoutMs`; each attempt by its own 2 s timeout.
 */
export async function pollFor200(url: string, options: PollOptions): Promise<number> {
  let aborted = false;
  void options.abort?.then(() => {
    aborted = true;
  });
  const deadline = performance.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 50;
  while (performance.now() < deadline) {
    if (aborted) throw new Error(options.abortMessage?.() ?? `stopped before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000), headers: { connection: "close" } });
      await response.body?.cancel();
      if (response.status === 200) return performance.now();
    } catch {
      // not listening yet
    }
    await sleep(interval);
  }
  throw new Error(`${url} did not answer 200 within ${Math.round(options.timeoutMs / 1000)} s`);
}
