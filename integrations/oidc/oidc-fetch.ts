/**
 * The one transport helper for calls to OpenID providers: a timeout on every call, errors
 * prefixed with `[oidc]` and the operation, the upstream status kept. Never logs bodies or tokens.
 */
import "server-only";

export class OidcError extends Error {
  override name = "OidcError";
  constructor(
    message: string,
    readonly status?: number,
    readonly oauthError?: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 8000;

export async function oidcFetch(operation: string, url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(TIMEOUT_MS), redirect: "error" });
  } catch (error) {
    // AbortSignal.timeout rejects with a DOMException named TimeoutError; network failures are TypeErrors.
    const kind = error instanceof DOMException && error.name === "TimeoutError" ? "timeout" : "unreachable";
    throw new OidcError(`[oidc] ${operation}: ${kind}`);
  }
}
