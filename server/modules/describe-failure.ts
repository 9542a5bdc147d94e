/**
 * Turns any backend failure into a short reason safe to show in GET /api/ready and in a widget's
 * error state: `timeout`, `connection refused`, `http 503`… Never the error's message, which can
 * hold hostnames, URLs or upstream text.
 */
import "server-only";
import { AppError } from "@/server/errors";

/** Reasons are lower-case words and digits: no dots, colons or slashes, so no host, IP or URL. */
const SAFE_REASON = /^[a-z][a-z0-9 ]{0,39}$/;

const ERRNO_REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EPIPE: "connection reset",
  UND_ERR_SOCKET: "connection reset",
  ENOTFOUND: "name not resolved",
  EAI_AGAIN: "name not resolved",
  ETIMEDOUT: "timeout",
  UND_ERR_CONNECT_TIMEOUT: "timeout",
  UND_ERR_HEADERS_TIMEOUT: "timeout",
  UND_ERR_BODY_TIMEOUT: "timeout",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "host unreachable",
};

/** Keeps a module's own reason only if it is a plain short code. */
export function sanitizeReason(reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  return SAFE_REASON.test(reason) ? reason : "unavailable";
}

/** Every error in a cause chain, including the members of an AggregateError (undici's happy eyeballs). */
function* errorChain(error: unknown, depth = 0): Generator<unknown> {
  if (error === undefined || error === null || depth > 8) return;
  yield error;
  if (error instanceof AggregateError) for (const inner of error.errors) yield* errorChain(inner, depth + 1);
  if (error instanceof Error) yield* errorChain(error.cause, depth + 1);
}

function readStringField(value: unknown, field: string): string | undefined {
  if (typeof value !== "object" || value === null || !(field in value)) return undefined;
  const found: unknown = Reflect.get(value, field);
  return typeof found === "string" ? found : undefined;
}

export function describeFailure(error: unknown): string {
  for (const link of errorChain(error)) {
    const name = readStringField(link, "name");
    if (name === "TimeoutError" || name === "AbortError") return "timeout";
    const code = readStringField(link, "code");
    if (code) {
      const known = ERRNO_REASONS[code];
      if (known) return known;
      if (code.startsWith("CERT_") || code.startsWith("ERR_TLS") || code.includes("CERT")) return "tls error";
    }
  }
  const own = readStringField(error, "reason");
  if (own && SAFE_REASON.test(own)) return own;
  if (error instanceof AppError && error.code === "NOT_CONFIGURED") return "not configured";
  return "unavailable";
}
