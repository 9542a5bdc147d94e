/**
 * The portal's HTTP server: a plain Node server in front of Next's request handler.
 *
 * Why a custom server rather than `next start`: it sees every request with its socket, so it
 * measures each one (metrics and one log line, under a low-cardinality route label), tells the
 * routes the TCP peer's address through a header it controls, drains in-flight requests on
 * shutdown, and gives the collaboration server (Yjs over WebSocket, a later issue) the `upgrade`
 * event through `attachUpgradeHandler`.
 *
 * Why no `import "server-only"`: this file runs outside Next's React server bundle, where that
 * package throws (see server/observability/metrics.ts). It therefore imports nothing that does.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { recordRequest } from "@/server/observability/metrics";
import { labelMethod, type RouteLabeler } from "@/server/http/route-label";
import { logRequest } from "@/server/http/request-logger";
import {
  FORWARDING_HEADERS,
  PEER_ADDRESS_HEADER,
  PEER_RELAYED_HEADER,
  REQUEST_ID_HEADER,
  getPortalServerState,
} from "@/server/http/portal-server-state";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Handles an `upgrade` request. Returns true when it took the socket (it then owns it), false to
 * let the next handler try. Handlers are tried in the order they were attached.
 */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean | Promise<boolean>;

export type ShutdownHook = () => Promise<void> | void;

export interface PortalServerOptions {
  host: string;
  port: number;
  /** Next's request handler (or a stand-in in tests). */
  handle: RequestHandler;
  /** Tried when no attached handler takes an upgrade (Next's, for rewrites to WebSocket backends). */
  fallbackUpgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;
  labeler: RouteLabeler;
  logger: Logger;
  /** Time in-flight requests get on shutdown before their connections are cut. */
  shutdownTimeoutMs: number;
}

export interface PortalServer {
  server: Server;
  /** Starts listening; resolves with the bound address (port 0 picks a free one). */
  listen: () => Promise<AddressInfo>;
  /** Adds an upgrade handler (the collaboration server's WebSocket); returns a function removing it. */
  attachUpgradeHandler: (handler: UpgradeHandler) => () => void;
  /** Runs at shutdown once HTTP requests are drained, in reverse order of registration (last in, first run). */
  onShutdown: (hook: ShutdownHook) => void;
  /** Stops accepting, drains in-flight requests within the timeout, then runs the hooks. Idempotent. */
  shutdown: (reason: string) => Promise<void>;
  /** Requests not yet answered (for tests and the shutdown log). */
  inFlight: () => number;
}

/** A load balancer's id is kept when it is plainly an id; anything else is replaced. */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Status recorded when the client hangs up before the response ends (nginx's convention), so that
 * aborted requests are not counted as the 200 Next had already set.
 */
const CLIENT_CLOSED_STATUS = 499;

function acceptRequestId(value: string | string[] | undefined): string {
  return typeof value === "string" && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}

const TRUSTED_HEADERS = new Set([PEER_ADDRESS_HEADER, PEER_RELAYED_HEADER, REQUEST_ID_HEADER]);

/**
 * Removes every client-sent copy of the trusted headers, from the parsed headers and the raw list
 * alike (Next reads the former; anything reading the latter must not see a forged value either),
 * then sets the real values.
 */
function setTrustedHeaders(req: IncomingMessage, requestId: string): void {
  const headers = req.headers;
  const relayed = FORWARDING_HEADERS.some((name) => headers[name] !== undefined) ? "1" : "0";
  const raw: string[] = [];
  for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) {
    const name = req.rawHeaders[index];
    const value = req.rawHeaders[index + 1];
    if (name === undefined || value === undefined || TRUSTED_HEADERS.has(name.toLowerCase())) continue;
    raw.push(name, value);
  }
  const peer = req.socket.remoteAddress ?? "";
  headers[PEER_ADDRESS_HEADER] = peer;
  headers[PEER_RELAYED_HEADER] = relayed;
  headers[REQUEST_ID_HEADER] = requestId;
  raw.push(PEER_ADDRESS_HEADER, peer, PEER_RELAYED_HEADER, relayed, REQUEST_ID_HEADER, requestId);
  req.rawHeaders = raw;
}

export function createPortalServer(options: PortalServerOptions): PortalServer {
  const { handle, labeler, logger } = options;
  const state = getPortalServerState();
  const upgradeHandlers: UpgradeHandler[] = [];
  const shutdownHooks: ShutdownHook[] = [];
  let inFlight = 0;
  let drained: (() => void) | undefined;
  let shuttingDown: Promise<void> | undefined;

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const requestId = acceptRequestId(req.headers[REQUEST_ID_HEADER]);
    setTrustedHeaders(req, requestId);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    // While draining, keep-alive connections must not carry another request.
    if (state.draining) res.setHeader("connection", "close");
    inFlight += 1;

    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      inFlight -= 1;
      const aborted = !res.writableFinished;
      const status = aborted ? CLIENT_CLOSED_STATUS : res.statusCode;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const method = labelMethod(req.method);
      const route = labeler.labelUrl(req.url);
      recordRequest({ method, route, status, durationSeconds: seconds });
      logRequest(logger, {
        requestId,
        method,
        route,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        ...(aborted ? { aborted: true } : {}),
      });
      if (inFlight === 0) drained?.();
    };
    res.once("finish", finish);
    res.once("close", finish);

    handle(req, res).catch((error: unknown) => {
      // Next answers its own errors; this is a crash of the handler itself. Log the class and the
      // message only via the serializer, never the URL.
      logger.error({ err: error, requestId }, "request handler failed");
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ error: { code: "INTERNAL", message: "internal error" } }));
      } else {
        res.destroy();
      }
    });
  });

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    void (async () => {
      try {
        for (const handler of [...upgradeHandlers]) {
          if (await handler(req, socket, head)) return;
        }
        if (options.fallbackUpgrade) {
          await options.fallbackUpgrade(req, socket, head);
          return;
        }
        socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      } catch (error: unknown) {
        logger.error({ err: error, route: labeler.labelUrl(req.url) }, "upgrade handler failed");
        socket.destroy();
      }
    })();
  });

  // A request that sends its headers slowly must not hold a connection (and a shutdown) forever.
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;

  const listen = (): Promise<AddressInfo> =>
    new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host, () => {
        server.off("error", reject);
        state.frontsRequests = true;
        const address = server.address();
        if (address === null || typeof address === "string") {
          reject(new Error("server is not listening on a TCP port"));
          return;
        }
        resolve(address);
      });
    });

  /** Resolves true when no request is in flight, false if `ms` pass first. */
  const waitForIdle = async (ms: number): Promise<boolean> => {
    if (inFlight === 0) return true;
    const allDone = new Promise<boolean>((resolve) => {
      drained = () => resolve(true);
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const idle = await Promise.race([allDone, timedOut]);
    clearTimeout(timer);
    return idle;
  };

  const shutdown = (reason: string): Promise<void> => {
    shuttingDown ??= (async () => {
      logger.info({ reason, inFlight }, "shutting down");
      state.draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Connections whose request just ended become idle; close those as they appear.
      const sweeper = setInterval(() => server.closeIdleConnections(), 100);
      const idle = await waitForIdle(options.shutdownTimeoutMs);
      clearInterval(sweeper);
      if (!idle) logger.warn({ inFlight }, "shutdown timeout: cutting in-flight requests");
      server.closeAllConnections();
      // Let the cut requests' close events run, so that their log lines are written before exit.
      await waitForIdle(1000);
      await closed;
      for (const hook of [...shutdownHooks].reverse()) {
        try {
          await hook();
        } catch (error: unknown) {
          logger.error({ err: error }, "shutdown hook failed");
        }
      }
      logger.info("shut down");
    })();
    return shuttingDown;
  };

  return {
    server,
    listen,
    attachUpgradeHandler: (handler) => {
      upgradeHandlers.push(handler);
      return () => {
        const index = upgradeHandlers.indexOf(handler);
        if (index >= 0) upgradeHandlers.splice(index, 1);
      };
    },
    onShutdown: (hook) => {
      shutdownHooks.push(hook);
    },
    shutdown,
    inFlight: () => inFlight,
  };
}
