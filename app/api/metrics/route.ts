// GET /api/metrics – Prometheus text exposition of this process's metrics. Closed by default:
// bearer METRICS_TOKEN, or a loopback caller when no token is configured.
import { env } from "@/server/env";
import { toErrorResponse } from "@/server/errors";
import { authorizeMetricsRequestOrThrow } from "@/server/observability/authorize-metrics-request";
import { getMetrics } from "@/server/observability/metrics";

export async function GET(request: Request): Promise<Response> {
  try {
    authorizeMetricsRequestOrThrow(request, env().METRICS_TOKEN);
    const { registry } = getMetrics();
    return new Response(await registry.metrics(), {
      headers: { "content-type": registry.contentType, "cache-control": "no-store" },
    });
  } catch (error: unknown) {
    const response = toErrorResponse(error);
    // RFC 6750: a 401 names the scheme the client should use.
    if (response.status === 401) response.headers.set("www-authenticate", 'Bearer realm="metrics"');
    return response;
  }
}
