/**
 * The portal's one error type and its mapping to HTTP.
 *
 * Throw `AppError` for anything a caller should see; its `userMessage` is safe to show and never
 * holds internals. `toErrorResponse` turns any thrown value into a JSON answer: a ZodError becomes
 * 400 naming each bad field, an AppError its own status, anything else a generic 500 (logged, not
 * echoed).
 */
import "server-only";
import { ZodError } from "zod";
import { logger } from "@/server/log";

/** Error codes and the status each one answers with. */
export const ERROR_STATUS = {
  /** The request is malformed: a parameter is missing, of the wrong type or out of range. */
  BAD_REQUEST: 400,
  /** No valid session: sign in. */
  UNAUTHENTICATED: 401,
  /** Signed in, but this user may not do that. */
  FORBIDDEN: 403,
  /** Files live on Nextcloud and this user has not connected their account yet (Login Flow v2). */
  NEXTCLOUD_NOT_CONNECTED: 403,
  /** Mail, agenda and contacts need the user's groupware password and none is stored yet. */
  GROUPWARE_NOT_CONNECTED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  /** The resource changed or is locked by someone else. */
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  /** A Range outside the file. */
  RANGE_NOT_SATISFIABLE: 416,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  /** A configured backend failed or did not answer in time. */
  BACKEND_UNAVAILABLE: 502,
  BACKEND_TIMEOUT: 504,
  /** The module is not configured on this portal. */
  NOT_CONFIGURED: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  override name = "AppError";
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly status: number;

  constructor(code: ErrorCode, options: { message?: string; userMessage?: string; cause?: unknown } = {}) {
    super(options.message ?? options.userMessage ?? code, { cause: options.cause });
    this.code = code;
    this.userMessage = options.userMessage ?? defaultUserMessage(code);
    this.status = ERROR_STATUS[code];
  }
}

function defaultUserMessage(code: ErrorCode): string {
  return code.toLowerCase().replace(/_/g, " ");
}

/**
 * A stable, loggable identifier for a caught error. Production builds minify class names, so
 * `error.name` of a library's subclass can read "f"; prefer the codes libraries set on purpose:
 * `code` (jose, Node), `type` (Auth.js), then the name.
 */
export function errorCode(error: unknown): string {
  if (typeof error !== "object" || error === null) return "unknown";
  const { code, type, name } = error as { code?: unknown; type?: unknown; name?: unknown };
  if (typeof code === "string" && code.length > 0) return code.slice(0, 80);
  if (typeof type === "string" && type.length > 0) return type.slice(0, 80);
  if (typeof name === "string" && name.length > 1) return name.slice(0, 80);
  return "unknown";
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: Array<{ path: string; message: string }> };
}

/** Maps any thrown value to a status and a JSON body with no stack trace and no internals. */
export function describeError(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof ZodError) {
    const issues = error.issues.map((issue) => ({ path: issue.path.join(".") || "(body)", message: issue.message }));
    const first = issues[0];
    return {
      status: 400,
      body: {
        error: {
          code: "BAD_REQUEST",
          message: first ? `invalid ${first.path}: ${first.message}` : "invalid request",
          issues,
        },
      },
    };
  }
  if (error instanceof AppError) {
    if (error.status >= 500) logger.warn({ err: error, code: error.code }, "request failed");
    return { status: error.status, body: { error: { code: error.code, message: error.userMessage } } };
  }
  logger.error({ err: error }, "unexpected error");
  return { status: 500, body: { error: { code: "INTERNAL", message: "internal error" } } };
}

export function toErrorResponse(error: unknown): Response {
  const { status, body } = describeError(error);
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}
