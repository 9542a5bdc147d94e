/**
 * The custom server's request log: one JSON line per answered request, built only from fields this
 * file chooses (method, route label, status, duration, request id), so no query string, cookie,
 * token, file name or other user content can slip in.
 *
 * It is a child of the portal's one logger (server/log.ts), so it shares its redaction rules.
 */
import type { Logger } from "pino";
import { logger as portalLogger } from "@/server/log";

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
  const child = portalLogger.child({ component: "http-server" });
  child.level = level;
  return child;
}

export function logRequest(logger: Logger, line: RequestLogLine): void {
  const level = line.status >= 500 ? "error" : "info";
  logger[level](line, "request");
}
