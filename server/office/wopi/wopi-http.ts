/**
 * The small HTTP vocabulary of the WOPI host: reading WOPI headers, answering with the status
 * codes and headers the protocol defines (409 + X-WOPI-Lock, 400 + X-WOPI-InvalidFileNameError,
 * 501…) with the portal's JSON error body, and capping request bodies.
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Transform } from "node:stream";
import { AppError, type ErrorCode } from "@/server/errors";
import { sendJson } from "@/server/http/node-routes";

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** A 200 with no body (Lock, Unlock…), with the given WOPI headers. */
export function sendOk(res: ServerResponse, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.statusCode = 200;
  res.setHeader("cache-control", "no-store");
  res.setHeader("content-length", 0);
  res.end();
}

export function sendWopiJson(res: ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, 200, body);
}

/** An error answer with WOPI headers (X-WOPI-Lock, X-WOPI-InvalidFileNameError…). */
export function sendWopiError(
  res: ServerResponse,
  status: number,
  code: ErrorCode | "NOT_IMPLEMENTED",
  message: string,
  headers: Record<string, string> = {},
): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  sendJson(res, status, { error: { code, message } });
}

/** 409 with the current lock (`""` when the file is unlocked), as every lock conflict answers. */
export function sendLockConflict(res: ServerResponse, currentLock: string, reason: string): void {
  sendWopiError(res, 409, "CONFLICT", reason, { "x-wopi-lock": currentLock, "x-wopi-lockfailurereason": reason });
}

/** Content-Length as a number; undefined when absent; BAD_REQUEST when malformed. */
export function declaredLength(req: IncomingMessage): number | undefined {
  const value = header(req, "content-length");
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,15}$/.test(value))
    throw new AppError("BAD_REQUEST", { userMessage: "Content-Length is not a number" });
  return Number(value);
}

/** Passes a body through, failing with PAYLOAD_TOO_LARGE once it exceeds `maxBytes`. */
export function capped(body: IncomingMessage, maxBytes: number): Transform {
  let seen = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes)
        done(new AppError("PAYLOAD_TOO_LARGE", { userMessage: `the file exceeds the ${maxBytes}-byte limit` }));
      else done(null, chunk);
    },
  });
  body.once("error", (error) => cap.destroy(error));
  body.once("aborted", () => cap.destroy(new AppError("BAD_REQUEST", { userMessage: "the request was cut" })));
  return body.pipe(cap);
}

/** A small text body (PutUserInfo), refused past `maxBytes`. */
export async function readSmallText(req: IncomingMessage, maxBytes: number): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes)
      throw new AppError("PAYLOAD_TOO_LARGE", { userMessage: `the body is limited to ${maxBytes} bytes` });
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString("utf8");
}
