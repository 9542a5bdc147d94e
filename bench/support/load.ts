/**
 * HTTP load with autocannon: N keep-alive connections, each carrying its own headers (its own
 * session cookie), for a fixed duration. Latencies are collected per response so that p95 is exact
 * (autocannon's summary has p97.5 but no p95). Bounded: the run stops at its duration, and a guard
 * stops it if autocannon overruns by 30 s.
 */
import autocannon from "autocannon";
import { percentile, round } from "@/bench/support/stats";

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Headers of each connection, by connection index (cycled when fewer than connections). */
  headersFor: (connection: number) => Record<string, string>;
  /** Per-request timeout, seconds. */
  timeoutSeconds?: number;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Responses that were not 2xx, connection errors and timeouts. */
  errors: number;
  non2xx: number;
  timeouts: number;
  requests: number;
  meanBytes: number;
}

const MAX_SAMPLES = 500_000;

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let ok = 0;
  let bytes = 0;
  let assigned = 0;
  return new Promise((resolve, reject) => {
    const timers: { guard?: NodeJS.Timeout } = {};
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        pipelining: 1,
        timeout: options.timeoutSeconds ?? 10,
        setupClient: (client) => {
          const index = assigned;
          assigned += 1;
          client.setHeaders(options.headersFor(index));
          client.on("response", (status: number, resBytes: number, responseTime: number) => {
            if (status >= 200 && status < 300) {
              ok += 1;
              bytes += resBytes;
              if (latencies.length < MAX_SAMPLES) latencies.push(responseTime);
            }
          });
        },
      },
      (error, result) => {
        clearTimeout(timers.guard);
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        const seconds = result.duration || options.durationSeconds;
        resolve({
          rps: round(ok / seconds, 1),
          p50: round(percentile(latencies, 50), 1),
          p95: round(percentile(latencies, 95), 1),
          p99: round(percentile(latencies, 99), 1),
          errors: result.non2xx + result.errors + result.timeouts,
          non2xx: result.non2xx,
          timeouts: result.timeouts,
          requests: ok,
          meanBytes: ok ? Math.round(bytes / ok) : 0,
        });
      },
    );
    timers.guard = setTimeout(() => instance.stop(), (options.durationSeconds + 30) * 1000);
  });
}
