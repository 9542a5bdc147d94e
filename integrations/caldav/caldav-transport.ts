/**
 * The one way the agenda talks to a CalDAV server: fetch with Basic credentials, a deadline on
 * every call combined with the caller's AbortSignal, a capped response body, and every URL checked
 * to be on the configured server's origin (hrefs come from the server's answers; a hostile or
 * misconfigured server must not be able to point the portal elsewhere: no open proxy, no SSRF).
 * Redirects are never followed blindly: the discovery step follows at most a few, same origin only.
 *
 * Why fetch and raw WebDAV rather than tsdav's high-level helpers: tsdav's calendar functions take
 * no AbortSignal or deadline, follow hrefs to any host, and report HTTP failures inconsistently
 * (some resolve with the Response, some log and return []), while the portal needs If-Match /
 * If-None-Match on writes and a precise error per status. PROPFIND and REPORT bodies are short
 * and well specified (RFC 4791), so they are written here.
 *
 * Nothing from an event (summaries, attendees) is ever put in an error message or a log line:
 * errors name the operation and the status only.
 */
import "server-only";
import { AppError } from "@/server/errors";

export interface CalDavCredentials {
  login: string;
  password: string;
}

export interface CalDavServer {
  /** CALDAV_URL: where discovery starts. */
  baseUrl: URL;
  timeoutMs: number;
}

export type CalDavOperation =
  "discover" | "list calendars" | "list events" | "read event" | "create event" | "update event" | "delete event";

export interface CalDavResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** Largest answer read (a 62-day REPORT of a busy calendar is a few hundred kB). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Throws unless `url` is on the configured server's origin. */
export function assertSameOrigin(server: CalDavServer, url: URL): void {
  if (url.origin !== server.baseUrl.origin) {
    throw new AppError("BACKEND_UNAVAILABLE", {
      message: `[caldav] refused to follow a URL outside ${server.baseUrl.origin}`,
      userMessage: "the agenda server answered with an address outside itself",
    });
  }
}

/** Resolves an href from the server against the request URL and checks its origin. */
export function resolveHref(server: CalDavServer, href: string, against: URL): URL {
  let url: URL;
  try {
    url = new URL(href, against);
  } catch (error) {
    throw new AppError("BACKEND_UNAVAILABLE", {
      userMessage: "the agenda server's answer could not be read",
      cause: error,
    });
  }
  assertSameOrigin(server, url);
  url.hash = "";
  url.search = "";
  return url;
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "the agenda server's answer is too large" });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Maps a CalDAV status to the portal's error. */
export function calDavStatusError(status: number, operation: CalDavOperation): AppError {
  const message = `[caldav] ${status} on ${operation}`;
  if (status === 401) {
    return new AppError("GROUPWARE_NOT_CONNECTED", {
      message,
      userMessage: "the agenda server refused your groupware login and password: connect your account again",
    });
  }
  if (status === 403) return new AppError("FORBIDDEN", { message, userMessage: "the agenda server refused this" });
  if (status === 404 || status === 410)
    return new AppError("NOT_FOUND", { message, userMessage: "this event or calendar no longer exists" });
  if (status === 409 || status === 412) {
    return new AppError("CONFLICT", {
      message,
      userMessage: "this event was changed meanwhile: reload it and try again",
    });
  }
  if (status === 413 || status === 507)
    return new AppError("PAYLOAD_TOO_LARGE", { message, userMessage: "the agenda server refused an event this large" });
  return new AppError("BACKEND_UNAVAILABLE", { message, userMessage: "the agenda server is not answering correctly" });
}

export interface CalDavRequest {
  method: string;
  url: URL;
  operation: CalDavOperation;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

/** Sends one request and reads its (capped) answer. Network failures and deadlines become AppErrors. */
export async function calDavRequest(
  server: CalDavServer,
  credentials: CalDavCredentials,
  request: CalDavRequest,
): Promise<CalDavResponse> {
  assertSameOrigin(server, request.url);
  const deadline = AbortSignal.timeout(server.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
  const authorization = `Basic ${Buffer.from(`${credentials.login}:${credentials.password}`, "utf8").toString("base64")}`;
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: { authorization, ...request.headers },
      body: request.body,
      redirect: "manual",
      signal,
    });
    return { status: response.status, headers: response.headers, body: await readCapped(response) };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (deadline.aborted) {
      throw new AppError("BACKEND_TIMEOUT", {
        message: `[caldav] no answer within ${server.timeoutMs} ms on ${request.operation}`,
        userMessage: "the agenda server did not answer in time",
        cause: error,
      });
    }
    if (request.signal?.aborted) throw error;
    throw new AppError("BACKEND_UNAVAILABLE", {
      message: `[caldav] ${request.operation} failed: ${(error as { cause?: { code?: string } }).cause?.code ?? "network error"}`,
      userMessage: "the agenda server cannot be reached",
      cause: error,
    });
  }
}

/** A request whose answer must be one of `expected`; otherwise the mapped error. */
export async function calDavExpect(
  server: CalDavServer,
  credentials: CalDavCredentials,
  request: CalDavRequest,
  expected: number[],
): Promise<CalDavResponse> {
  const response = await calDavRequest(server, credentials, request);
  if (!expected.includes(response.status)) throw calDavStatusError(response.status, request.operation);
  return response;
}
