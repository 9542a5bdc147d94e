/**
 * Request bodies of the Files routes: the declared length checked before a byte is read, and a
 * guard that cuts a body running past its declared length.
 *
 * Why before reading: a client announcing 50 GiB must hear 413 at once, not after uploading it.
 * The answer then also closes the connection (`Connection: close`), so Node does not read and
 * discard the unread body to keep the connection alive.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Transform, type TransformCallback } from "node:stream";
import { AppError } from "@/server/errors";

/** Largest JSON body a Files node route reads (upload session requests, a share password). */
export const MAX_JSON_BODY_BYTES = 16 * 1024;

/**
 * The body's declared length, checked against `max`. Throws 400 without Content-Length (or with
 * chunked transfer encoding: the size must be known before the upload starts) and 413 above `max`.
 */
export function declaredLength(req: IncomingMessage, res: ServerResponse, max: number, what = "file"): number {
  const header = req.headers["content-length"];
  if (req.headers["transfer-encoding"] !== undefined || header === undefined) {
    res.setHeader("connection", "close");
    throw new AppError("BAD_REQUEST", { userMessage: "Content-Length is required (no chunked transfer encoding)" });
  }
  if (!/^\d{1,16}$/.test(header)) {
    res.setHeader("connection", "close");
    throw new AppError("BAD_REQUEST", { userMessage: "Content-Length is not a number" });
  }
  const length = Number(header);
  if (length > max) {
    res.setHeader("connection", "close");
    throw new AppError("PAYLOAD_TOO_LARGE", { userMessage: `${what} too large: at most ${max} bytes` });
  }
  return length;
}

/**
 * Passes a body through, failing it (PAYLOAD_TOO_LARGE) the moment it exceeds `declared` bytes,
 * and (BAD_REQUEST) when it ends short of them. Node's parser already stops at Content-Length;
 * this is the second lock, and the one that counts for bodies relayed from elsewhere.
 */
export class DeclaredLengthGuard extends Transform {
  private received = 0;

  constructor(private readonly declared: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    if (this.received > this.declared) {
      callback(new AppError("PAYLOAD_TOO_LARGE", { userMessage: "body is longer than its Content-Length" }));
      return;
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.received < this.declared) {
      callback(new AppError("BAD_REQUEST", { userMessage: "body ended before its Content-Length" }));
      return;
    }
    callback();
  }
}

/** Reads a small JSON body (≤ MAX_JSON_BODY_BYTES); 415 for another content type, 400 for bad JSON. */
export async function readJsonBody(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  if (!(req.headers["content-type"] ?? "").toLowerCase().startsWith("application/json")) {
    res.setHeader("connection", "close");
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", { userMessage: "expected application/json" });
  }
  const length = declaredLength(req, res, MAX_JSON_BODY_BYTES, "request body");
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > length)
      throw new AppError("PAYLOAD_TOO_LARGE", { userMessage: "body is longer than its Content-Length" });
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new AppError("BAD_REQUEST", { userMessage: "body is not valid JSON" });
  }
}

/**
 * A signal that aborts when the client goes away before the answer is complete, so the backend
 * call (a Nextcloud GET or PUT) stops too instead of running on for nobody.
 */
export function clientGoneSignal(req: IncomingMessage, res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  const abort = (): void => {
    if (!res.writableFinished)
      controller.abort(new AppError("BAD_REQUEST", { userMessage: "client closed the request" }));
  };
  res.once("close", abort);
  req.once("aborted", abort);
  return controller.signal;
}
