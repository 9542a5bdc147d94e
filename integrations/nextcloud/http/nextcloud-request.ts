/**
 * The one way the adapter talks to Nextcloud: a request on node:http(s) to a URL built from
 * NEXTCLOUD_URL, with the user's Authorization header, a deadline and the caller's AbortSignal.
 *
 * Why node:http rather than fetch or the `webdav` package: bodies must stream both ways with
 * backpressure (a 1 GiB upload or download through the portal never sits in memory), and
 * node:http never follows redirects, so a Nextcloud answering 3xx towards another host cannot turn
 * the portal into an open proxy (3xx is treated as a backend failure). Connections are kept alive
 * in one agent per protocol.
 *
 * Deadlines: `timeoutMs` bounds the wait for the response head; once a body streams, the socket's
 * idle timeout (the same value) cuts a transfer that stalls, however long a healthy one takes.
 */
import "server-only";
import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import { AppError } from "@/server/errors";

const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 64 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export interface NextcloudRequest {
  method: string;
  url: URL;
  headers?: Record<string, string | undefined>;
  /** A string (XML, form, JSON) or a stream of bytes; streams need `content-length` in headers or are sent chunked. */
  body?: string | Buffer | Readable;
  signal?: AbortSignal;
  timeoutMs: number;
}

export interface NextcloudResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
}

/** Sends one request; resolves with the response head and its (unread) body stream. */
export function sendNextcloudRequest(request: NextcloudRequest): Promise<NextcloudResponse> {
  const { url } = request;
  const transport = url.protocol === "https:" ? https : url.protocol === "http:" ? http : null;
  if (!transport) return Promise.reject(new AppError("NOT_CONFIGURED", { message: "NEXTCLOUD_URL is not http(s)" }));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) if (value !== undefined) headers[name] = value;
  if (typeof request.body === "string" || Buffer.isBuffer(request.body)) {
    headers["content-length"] = String(Buffer.byteLength(request.body));
  }
  return new Promise((resolve, reject) => {
    if (request.signal?.aborted) {
      reject(aborted());
      return;
    }
    let settled = false;
    const req = transport.request(url, {
      method: request.method,
      headers,
      agent: agents[url.protocol as "http:" | "https:"],
      timeout: request.timeoutMs,
    });
    const headTimer = setTimeout(() => {
      req.destroy(new AppError("BACKEND_TIMEOUT", { userMessage: "Nextcloud did not answer in time" }));
    }, request.timeoutMs);
    const onAbort = () => req.destroy(aborted());
    request.signal?.addEventListener("abort", onAbort, { once: true });
    const cleanup = () => {
      clearTimeout(headTimer);
      request.signal?.removeEventListener("abort", onAbort);
    };
    req.on("timeout", () => {
      req.destroy(new AppError("BACKEND_TIMEOUT", { userMessage: "Nextcloud stopped answering" }));
    });
    req.on("error", (error) => {
      cleanup();
      if (settled) return;
      settled = true;
      reject(error instanceof AppError ? error : unavailable(error));
    });
    req.on("response", (res) => {
      clearTimeout(headTimer);
      settled = true;
      // The signal keeps cancelling while the body streams; release it when the body ends.
      res.once("close", cleanup);
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res });
    });
    const body = request.body;
    if (body instanceof Readable) {
      body.once("error", (error) => req.destroy(error));
      body.pipe(req);
    } else {
      req.end(body);
    }
  });
}

function aborted(): AppError {
  return new AppError("BACKEND_UNAVAILABLE", { message: "request aborted", userMessage: "request cancelled" });
}

function unavailable(cause: unknown): AppError {
  return new AppError("BACKEND_UNAVAILABLE", { userMessage: "Nextcloud is unreachable", cause });
}

/** Reads a (small) response body as text, refusing more than `maxBytes` (an XML listing, JSON). */
export async function readText(body: IncomingMessage, maxBytes = 64 * 1024 * 1024): Promise<string> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      body.destroy();
      throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "Nextcloud's answer is too large" });
    }
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString("utf8");
}

/** Drops a response body we do not need, so the keep-alive socket is reused. */
export function discard(body: Readable): void {
  body.resume();
}
