/**
 * The custom server's request log: one JSON line per answered request, built only from fields this
 * file chooses (method, route label, status, duration, request id), so no query string, cookie,
 * token, file name or other user content can slip in.
 *
 * Why a second pino instance rather than server/log.ts: that module imports `server-only`, which
 * throws outside Next's React server bundle, where the custom server runs (see
 * server/observability/metrics.ts). Both write the same JSON lines to stdout with the same `service`.
 */
import pino, { type Logger } from "pino";

export interface RequestLogLine {
  requestId: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  /** The client went away before the response ended. */
  aborted?: boolean;
}

export function createServerLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "portal", component: "http-server" },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: pino.stdSerializers.err },
  });
}

export function logRequest(logger: Logger, line: RequestLogLine): void {
  const level = line.status >= 500 ? "error" : "info";
  logger[level](line, "request");
}
