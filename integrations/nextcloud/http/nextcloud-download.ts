/**
 * File downloads from Nextcloud (a file's, a version's or a public link's bytes): a GET streamed
 * with undici rather than node:http, for one measured reason. node:http's client copies every
 * body chunk it parses into a new Buffer, on top of the Buffer each socket read allocates; in the
 * portal process, whose V8 heap holds the whole Next.js application (~200 MiB), that churn of
 * ArrayBuffers triggers a full mark-compact every few tens of MiB: 26 per GiB received, 10 s of
 * CPU, where undici (which hands out views of the socket's own reads) needed 1 and 1.3 s in the
 * same process (bench/files-transfer.ts: `portalMemoryMiB.download`).
 *
 * Same rules as nextcloud-request.ts: no redirect is followed (a 3xx is the caller's failure),
 * `timeoutMs` bounds the wait for the response head and any stall of the body, the caller's
 * AbortSignal cancels, and connections are kept alive in one pool.
 */
import "server-only";
import type { IncomingHttpHeaders } from "node:http";
import type { Readable } from "node:stream";
import { Agent, errors, request } from "undici";
import { AppError } from "@/server/errors";

const dispatchers = new Map<number, Agent>();

/** One keep-alive pool per deadline (in practice one: NEXTCLOUD_TIMEOUT_MS). */
function dispatcherFor(timeoutMs: number): Agent {
  let agent = dispatchers.get(timeoutMs);
  if (!agent) {
    agent = new Agent({ connections: 64, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
    dispatchers.set(timeoutMs, agent);
  }
  return agent;
}

export interface NextcloudDownload {
  status: number;
  headers: IncomingHttpHeaders;
  body: Readable;
}

/** GET `url`; resolves with the status, headers and the (unread) body stream. */
export async function openNextcloudDownload(options: {
  url: URL;
  headers: Record<string, string | undefined>;
  signal?: AbortSignal;
  timeoutMs: number;
}): Promise<NextcloudDownload> {
  if (options.url.protocol !== "http:" && options.url.protocol !== "https:") {
    throw new AppError("NOT_CONFIGURED", { message: "NEXTCLOUD_URL is not http(s)" });
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers)) if (value !== undefined) headers[name] = value;
  try {
    const response = await request(options.url, {
      method: "GET",
      headers,
      signal: options.signal,
      dispatcher: dispatcherFor(options.timeoutMs),
    });
    const body = response.body;
    // Observed, so an error before the caller reads (a stall: BodyTimeoutError) is not uncaught.
    body.once("error", () => undefined);
    return { status: response.statusCode, headers: response.headers as IncomingHttpHeaders, body };
  } catch (error) {
    if (error instanceof errors.HeadersTimeoutError || error instanceof errors.ConnectTimeoutError) {
      throw new AppError("BACKEND_TIMEOUT", { userMessage: "Nextcloud did not answer in time", cause: error });
    }
    if (options.signal?.aborted || error instanceof errors.RequestAbortedError) {
      throw new AppError("BACKEND_UNAVAILABLE", { message: "request aborted", userMessage: "request cancelled" });
    }
    throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "Nextcloud is unreachable", cause: error });
  }
}
