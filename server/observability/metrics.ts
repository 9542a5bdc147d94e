/**
 * The process's Prometheus metrics: one prom-client registry with the HTTP request counter and
 * latency histogram, plus Node's default process metrics.
 *
 * Why no `import "server-only"`: the custom server (server/main.ts) records every request here,
 * and it runs outside Next's React server bundle, where the `server-only` package throws by design
 * (running the entry with `--conditions=react-server` would silence it but also hand Next's own
 * renderer the server build of React, which breaks it). Nothing here is secret; components/ cannot
 * import server/ anyway (ESLint rule).
 *
 * Why globalThis: this file is evaluated twice in one process, once by the custom server and once
 * inside the Next bundle of GET /api/metrics. prom-client is a server external package, so both
 * copies share one prom-client, but each copy of this file would still register its own metrics
 * (and prom-client refuses a second metric of the same name). The first evaluation wins and the
 * other reuses its objects.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface PortalMetrics {
  registry: Registry;
  httpRequestsTotal: Counter<"method" | "route" | "status">;
  httpRequestDurationSeconds: Histogram<"method" | "route" | "status">;
}

/** Latency buckets in seconds: fine below 100 ms where pages should be, coarse above. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function createMetrics(): PortalMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ["method", "route", "status"] as const;
  return {
    registry,
    httpRequestsTotal: new Counter({
      name: "http_requests_total",
      help: "HTTP requests answered, by method, route label and status.",
      labelNames,
      registers: [registry],
    }),
    httpRequestDurationSeconds: new Histogram({
      name: "http_request_duration_seconds",
      help: "Time from request to the end of the response, by method, route label and status.",
      labelNames,
      buckets: DURATION_BUCKETS,
      registers: [registry],
    }),
  };
}

const holder = globalThis as typeof globalThis & { __portalMetrics?: PortalMetrics };

/** The process-wide metrics, created on first use. */
export function getMetrics(): PortalMetrics {
  holder.__portalMetrics ??= createMetrics();
  return holder.__portalMetrics;
}

export interface RequestObservation {
  method: string;
  route: string;
  status: number;
  durationSeconds: number;
}

/** Counts one answered request. Labels must already be low-cardinality (see route-label.ts). */
export function recordRequest({ method, route, status, durationSeconds }: RequestObservation): void {
  const metrics = getMetrics();
  const labels = { method, route, status: String(status) };
  metrics.httpRequestsTotal.inc(labels);
  metrics.httpRequestDurationSeconds.observe(labels, durationSeconds);
}
