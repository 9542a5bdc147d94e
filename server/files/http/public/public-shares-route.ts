/**
 * The public side of share links, for anonymous visitors holding a link (the page /s/{token}):
 *
 *   POST /api/public/shares/{token}/unlock   JSON { password } → 204 + unlock cookie (unlock-cookie.ts)
 *   GET  /api/public/shares/{token}[?path=]  → { access, root, entries? } (entries: read links on folders)
 *   GET|HEAD /api/public/shares/{token}/content?path=…   the bytes (Range, 304) — read links only
 *   PUT  /api/public/shares/{token}/content?path=…       a new file — upload links only, never overwrites
 *
 * Against guessing: unknown, expired, revoked and malformed tokens all answer the same 404, and
 * every failure (404, 401) answers no sooner than FAILURE_FLOOR_MS after the request arrived, so
 * neither the status nor the time tells them apart. Failed passwords are counted per token and
 * per client address, unknown tokens per client address, in the database so every portal process
 * counts the same failures (server/rate-limit/attempt-limiter.ts); past the budget: 429
 * with Retry-After, before the storage is asked anything.
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { ROOT_PATH, baseName } from "@/server/files/paths";
import type { PublicShare } from "@/server/files/storage";
import { getFileStorage } from "@/server/files/get-file-storage";
import { PEER_ADDRESS_HEADER } from "@/server/http/portal-server-state";
import type { NodeRoute } from "@/server/http/node-routes";
import { sendJson } from "@/server/http/node-routes";
import { guardedBody } from "@/server/files/http/body-stream";
import { ZFlag, ZUserPath, parseQuery } from "@/server/files/http/query";
import { clientGoneSignal, declaredLength, readJsonBody } from "@/server/files/http/request-body";
import { methodNotAllowed } from "@/server/files/http/request-context";
import { sendFileContent } from "@/server/files/http/send-file-content";
import { AttemptLimiter, type LimitRule } from "@/server/rate-limit/attempt-limiter";
import { readShareUnlockCookie, shareUnlockSetCookie } from "@/server/files/http/public/unlock-cookie";

const PREFIX = "/api/public/shares/";

/** Failures take at least this long, whichever check failed. */
export const FAILURE_FLOOR_MS = 200;
/** Wrong passwords on one link. */
export const PASSWORD_PER_TOKEN: LimitRule = { max: 10, windowMs: 15 * 60_000 };
/** Wrong passwords from one address, across links. */
export const PASSWORD_PER_ADDRESS: LimitRule = { max: 30, windowMs: 15 * 60_000 };
/** Unknown tokens from one address. */
export const UNKNOWN_PER_ADDRESS: LimitRule = { max: 30, windowMs: 15 * 60_000 };

const limiter = new AttemptLimiter();

/** Tokens are URL-safe random strings (the local adapter's base64url, Nextcloud's alphanumerics). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

const ZUnlockBody = z.strictObject({ password: z.string().min(1, "password is required").max(512) });
const ZInfoQuery = z.object({ path: ZUserPath.optional() });
const ZReadQuery = z.object({ path: ZUserPath.optional(), download: ZFlag });
const ZWriteQuery = z.object({ path: ZUserPath });

const PASSWORD_REQUIRED = (): AppError => new AppError("UNAUTHENTICATED", { userMessage: "password required" });
const NO_SUCH_LINK = (): AppError =>
  new AppError("NOT_FOUND", { userMessage: "this link does not exist or has expired" });

function clientAddress(req: IncomingMessage): string {
  const trusted = req.headers[PEER_ADDRESS_HEADER];
  return typeof trusted === "string" && trusted.length > 0 ? trusted : (req.socket.remoteAddress ?? "unknown");
}

async function refuseWhileLimited(keys: Array<[string, LimitRule]>): Promise<void> {
  const waitMs = await limiter.longestWaitMs(keys);
  if (waitMs > 0) {
    const error = new AppError("TOO_MANY_REQUESTS", {
      userMessage: `too many failed attempts: try again in ${Math.ceil(waitMs / 1000)} s`,
    });
    Object.assign(error, { retryAfterSeconds: Math.ceil(waitMs / 1000) });
    throw error;
  }
}

interface Visit {
  token: string;
  address: string;
  signal: AbortSignal;
}

/**
 * Opens the link with `password` (from the unlock form or the cookie); counts failures.
 * `password` undefined and the link has one → 401 without counting (no guess was made).
 */
async function openShare(visit: Visit, password: string | undefined): Promise<PublicShare> {
  const { token, address, signal } = visit;
  await refuseWhileLimited([
    [`address:${address}`, PASSWORD_PER_ADDRESS],
    [`token:${token}`, PASSWORD_PER_TOKEN],
    [`unknown:${address}`, UNKNOWN_PER_ADDRESS],
  ]);
  if (!TOKEN_PATTERN.test(token)) {
    await limiter.recordFailure(`unknown:${address}`, UNKNOWN_PER_ADDRESS);
    throw NO_SUCH_LINK();
  }
  try {
    return await getFileStorage().openShareLink(token, password, signal);
  } catch (error: unknown) {
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      await limiter.recordFailure(`unknown:${address}`, UNKNOWN_PER_ADDRESS);
      throw NO_SUCH_LINK();
    }
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") {
      if (password !== undefined) {
        await limiter.recordFailure(`token:${token}`, PASSWORD_PER_TOKEN);
        await limiter.recordFailure(`address:${address}`, PASSWORD_PER_ADDRESS);
      }
      throw PASSWORD_REQUIRED();
    }
    throw error;
  }
}

function cookiePassword(req: IncomingMessage, token: string): string | undefined {
  return readShareUnlockCookie(token, req.headers.cookie);
}

async function unlock(req: IncomingMessage, res: ServerResponse, visit: Visit): Promise<void> {
  const { password } = ZUnlockBody.parse(await readJsonBody(req, res));
  await openShare(visit, password);
  res.setHeader("set-cookie", shareUnlockSetCookie(visit.token, password));
  res.setHeader("cache-control", "no-store");
  res.statusCode = 204;
  res.end();
}

async function info(req: IncomingMessage, res: ServerResponse, url: URL, visit: Visit): Promise<void> {
  const share = await openShare(visit, cookiePassword(req, visit.token));
  const { path } = parseQuery(url, ZInfoQuery);
  if (share.access === "read" && share.root.kind === "folder") {
    const folder = path ?? ROOT_PATH;
    sendJson(res, 200, { access: share.access, root: share.root, path: folder, entries: await share.list(folder) });
    return;
  }
  sendJson(res, 200, { access: share.access, root: share.root });
}

async function readContent(req: IncomingMessage, res: ServerResponse, url: URL, visit: Visit): Promise<void> {
  const share = await openShare(visit, cookiePassword(req, visit.token));
  if (share.access !== "read") throw new AppError("FORBIDDEN", { userMessage: "this link only accepts uploads" });
  const query = parseQuery(url, ZReadQuery);
  const path = query.path ?? ROOT_PATH;
  const fileName = baseName(path) || share.root.name;
  await sendFileContent(
    req,
    res,
    { read: (range) => share.read(path, range), rangeable: true },
    { fileName, download: query.download },
  );
}

async function writeContent(req: IncomingMessage, res: ServerResponse, url: URL, visit: Visit): Promise<void> {
  const share = await openShare(visit, cookiePassword(req, visit.token));
  if (share.access !== "upload") throw new AppError("FORBIDDEN", { userMessage: "this link is read-only" });
  const { path } = parseQuery(url, ZWriteQuery);
  const size = declaredLength(req, res, env().FILES_MAX_UPLOAD_BYTES);
  const entry = await share.write(path, guardedBody(req, size), { size, overwrite: false });
  sendJson(res, 201, entry);
}

type Operation = "unlock" | "info" | "read" | "write";

function operationOf(req: IncomingMessage, res: ServerResponse, rest: string): { token: string; operation: Operation } {
  const [token = "", action, ...more] = rest.split("/");
  if (more.length > 0 || (action !== undefined && action !== "unlock" && action !== "content"))
    throw new AppError("NOT_FOUND", { userMessage: "no such route" });
  const method = req.method ?? "";
  if (action === "unlock") {
    if (method !== "POST") return methodNotAllowed(res, ["POST"]);
    return { token, operation: "unlock" };
  }
  if (action === "content") {
    if (method === "GET" || method === "HEAD") return { token, operation: "read" };
    if (method === "PUT") return { token, operation: "write" };
    return methodNotAllowed(res, ["GET", "HEAD", "PUT"]);
  }
  if (method !== "GET") return methodNotAllowed(res, ["GET"]);
  return { token, operation: "info" };
}

async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const arrived = performance.now();
  const { token, operation } = operationOf(req, res, url.pathname.slice(PREFIX.length));
  const visit: Visit = { token, address: clientAddress(req), signal: clientGoneSignal(req, res) };
  try {
    if (operation === "unlock") return await unlock(req, res, visit);
    if (operation === "info") return await info(req, res, url, visit);
    if (operation === "read") return await readContent(req, res, url, visit);
    return await writeContent(req, res, url, visit);
  } catch (error: unknown) {
    if (error instanceof AppError && (error.code === "NOT_FOUND" || error.code === "UNAUTHENTICATED")) {
      const wait = FAILURE_FLOOR_MS - (performance.now() - arrived);
      if (wait > 0) await sleep(wait);
    }
    const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === "number" && !res.headersSent) res.setHeader("retry-after", String(retryAfter));
    throw error;
  }
}

export const publicSharesRoute: NodeRoute = { prefix: PREFIX, handle };
