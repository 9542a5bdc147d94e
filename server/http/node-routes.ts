/**
 * Routes the portal's own HTTP server answers itself, before Next: for request and response bodies
 * that must stream (file transfers of any size, server-sent events). Next's route handlers and its
 * proxy buffer request bodies (the proxy truncates them past 10 MB), so a route that moves a
 * 1 GiB file cannot live there.
 *
 * Every node route gets, from `createNodeRouteDispatcher`, what proxy.ts gives Next's routes:
 * the security headers, the cross-site request check on state-changing methods, and errors mapped
 * to the portal's JSON error body (server/errors.ts) with no stack trace. A route reads the
 * signed-in user with `getRequestUser` (server/auth/request-user.ts).
 *
 * To add one: write a `NodeRoute` next to its module (server/<module>/…) and list it in
 * server/http/server-extensions.ts.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { describeError } from "@/server/errors";
import { STATIC_SECURITY_HEADERS, isCrossSiteRequest } from "@/server/http/security-headers";
import type { RequestHandler } from "@/server/http/portal-server";

export interface NodeRoute {
  /** Path prefix this route owns, ending with `/` (e.g. `/api/files/transfer/`), or an exact path. */
  prefix: string;
  /** Answers the request. Throw an AppError (or a ZodError) to answer with the JSON error body. */
  handle: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
}

/** Node's header object as WHATWG Headers, for the checks shared with proxy.ts. */
export function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  return headers;
}

/** Writes the portal's JSON error body (or cuts the connection when the body has begun). */
export function sendError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { status, body } = describeError(error);
  sendJson(res, status, body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("content-length", Buffer.byteLength(text));
  if (!res.hasHeader("cache-control")) res.setHeader("cache-control", "no-store");
  res.end(text);
}

function matches(route: NodeRoute, pathname: string): boolean {
  return route.prefix.endsWith("/") ? pathname.startsWith(route.prefix) : pathname === route.prefix;
}

/** Sends requests for a node route to it, and everything else to `fallback` (Next). */
export function createNodeRouteDispatcher(routes: readonly NodeRoute[], fallback: RequestHandler): RequestHandler {
  return async (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://portal.invalid");
    } catch {
      return fallback(req, res);
    }
    const route = routes.find((candidate) => matches(candidate, url.pathname));
    if (!route) return fallback(req, res);
    for (const { key, value } of STATIC_SECURITY_HEADERS) res.setHeader(key, value);
    // These answers are data, never documents: nothing in them may run or be framed.
    res.setHeader("content-security-policy", "default-src 'none'; frame-ancestors 'none'; sandbox");
    if (isCrossSiteRequest(req.method ?? "GET", url.pathname, toHeaders(req))) {
      sendJson(res, 403, {
        error: { code: "FORBIDDEN", message: "cross-site request refused (Origin does not match this portal)" },
      });
      return;
    }
    try {
      await route.handle(req, res, url);
    } catch (error: unknown) {
      sendError(res, error);
    }
  };
}
