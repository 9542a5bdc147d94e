/**
 * The one way the Files UI talks to the portal's API: `fetchJson` sends JSON, reads JSON and
 * throws an `ApiError` carrying the HTTP status and the portal's error code
 * (`{ error: { code, message } }`, server/errors.ts), so components decide what to show from the
 * code, never from message text. Cookies go along (same origin); the portal checks the Origin of
 * every state-changing request, which the browser sets on its own.
 */

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole error object, for codes that carry more (e.g. an upload's `session` on 409). */
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Reads the portal's error body from a failed response (or makes one from the status). */
export async function readApiError(response: Response): Promise<ApiError> {
  let code = `HTTP_${response.status}`;
  let message = response.statusText || "request failed";
  let detail: Record<string, unknown> = {};
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    if (body.error && typeof body.error === "object") {
      detail = body.error as Record<string, unknown>;
      if (typeof body.error.code === "string") code = body.error.code;
      if (typeof body.error.message === "string") message = body.error.message;
    }
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  return new ApiError(response.status, code, message, detail);
}

/** Same, for an XMLHttpRequest (uploads use XHR for their progress events). */
export function readXhrError(xhr: XMLHttpRequest): ApiError {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: { code?: unknown; message?: unknown } };
    if (body.error && typeof body.error.code === "string") {
      return new ApiError(
        xhr.status,
        body.error.code,
        typeof body.error.message === "string" ? body.error.message : body.error.code,
        body.error as Record<string, unknown>,
      );
    }
  } catch {
    // fall through
  }
  return new ApiError(xhr.status, xhr.status === 0 ? "NETWORK" : `HTTP_${xhr.status}`, xhr.statusText || "failed");
}

export async function fetchJson<T>(
  url: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? { accept: "application/json" } : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
      signal: init.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, "NETWORK", "network error");
  }
  if (!response.ok) throw await readApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Builds an API URL with its query string (every value encoded). */
export function apiUrl(path: string, query: Record<string, string | number | undefined | string[]> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, item);
    else params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
