/**
 * Who may read GET /api/metrics. Metrics reveal traffic and internals, so the endpoint is closed
 * by default: with METRICS_TOKEN set, only `Authorization: Bearer <token>`; without it, only a
 * caller on the loopback interface (a Prometheus agent or `curl` on the same machine), as vouched
 * for by the custom server (see server/http/portal-server-state.ts). Throws AppError otherwise:
 * 401 without valid credentials, 403 for a remote caller when no token exists to present.
 *
 * A loopback request relayed by a reverse proxy on the same machine counts as remote (see
 * isTrustedLocalCaller). Production deployments should set METRICS_TOKEN anyway.
 */
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { AppError } from "@/server/errors";
import { isTrustedLocalCaller } from "@/server/http/portal-server-state";

/**
 * Compares secrets in constant time. Both sides are hashed first so that the comparison does not
 * leak the token's length either (timingSafeEqual needs equal lengths).
 */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string): Buffer => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer[ ]+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

export function authorizeMetricsRequestOrThrow(request: Request, metricsToken: string | undefined): void {
  if (metricsToken !== undefined) {
    const given = bearerToken(request);
    if (given === null) throw new AppError("UNAUTHENTICATED", { userMessage: "metrics require a bearer token" });
    if (!sameSecret(given, metricsToken))
      throw new AppError("UNAUTHENTICATED", { userMessage: "invalid metrics token" });
    return;
  }
  if (!isTrustedLocalCaller(request.headers)) {
    throw new AppError("FORBIDDEN", { userMessage: "metrics are only served to local callers or with a token" });
  }
}
