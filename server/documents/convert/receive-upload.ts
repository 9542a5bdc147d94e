/**
 * Writes a request body to a private temporary file as it streams in, cut at `maxBytes`: an upload
 * never sits whole in memory, and a body over the limit is refused (413) as soon as it passes it
 * (the caller closes the connection so the rest is never read).
 */
import "server-only";
import { createWriteStream } from "node:fs";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/server/errors";

function tooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", {
    userMessage: `file too large: at most ${Math.floor(maxBytes / 1024 ** 2)} MB`,
  });
}

/** Refuses at once a body whose declared length is over the limit (or not a number). */
export function checkDeclaredLength(req: IncomingMessage, maxBytes: number): void {
  const declared = req.headers["content-length"];
  if (declared === undefined) return;
  if (!/^\d{1,16}$/.test(declared)) throw new AppError("BAD_REQUEST", { userMessage: "invalid Content-Length" });
  if (Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (Number(declared) === 0) throw new AppError("BAD_REQUEST", { userMessage: "the file is empty" });
}

/** Streams the body to `<dir>/upload` and returns its path and size. */
export async function receiveUpload(
  req: IncomingMessage,
  dir: string,
  maxBytes: number,
): Promise<{ path: string; size: number }> {
  const file = path.join(dir, "upload");
  let size = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      callback(size > maxBytes ? tooLarge(maxBytes) : null, chunk);
    },
  });
  try {
    await pipeline(req, limiter, createWriteStream(file, { mode: 0o600 }));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("BAD_REQUEST", { userMessage: "the upload was interrupted", cause: error });
  }
  if (size === 0) throw new AppError("BAD_REQUEST", { userMessage: "the file is empty" });
  return { path: file, size };
}
