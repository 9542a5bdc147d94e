import { request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { createPortalServer, type PortalServer, type RequestHandler } from "@/server/http/portal-server";
import { createRouteLabeler } from "@/server/http/route-label";
import { PEER_ADDRESS_HEADER, PEER_RELAYED_HEADER, getPortalServerState } from "@/server/http/portal-server-state";
import { getMetrics } from "@/server/observability/metrics";

setTestEnv();

let running: PortalServer | undefined;
let logLines: Array<Record<string, unknown>> = [];

function start(
  handle: RequestHandler,
  options: { shutdownTimeoutMs?: number; host?: string } = {},
): Promise<{ portal: PortalServer; port: number }> {
  logLines = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logLines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  const portal = createPortalServer({
    host: options.host ?? "127.0.0.1",
    port: 0,
    handle,
    labeler: createRouteLabeler(["/api/metrics", "/api/slow", "/documents/[documentId]"]),
    logger: pino({ level: "info" }, sink),
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 2000,
  });
  running = portal;
  return portal.listen().then((address) => ({ portal, port: address.port }));
}

/** Server-side accounting ends on the response's `finish`, which may come after the client's `end`. */
async function eventually(check: () => boolean | Promise<boolean>, ms = 1000): Promise<void> {
  const until = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > until) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

afterEach(async () => {
  await running?.shutdown("test end");
  running = undefined;
  getPortalServerState().draining = false;
});

interface Answer {
  status: number;
  headers: IncomingMessage["headers"];
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}, host = "127.0.0.1"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host, port, path, headers, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The stand-in for Next: answers with what it saw. */
const echo: RequestHandler = async (req: IncomingMessage, res: ServerResponse) => {
  res.setHeader("content-type", "application/json");
  res.end(
    JSON.stringify({
      peer: req.headers[PEER_ADDRESS_HEADER],
      relayed: req.headers[PEER_RELAYED_HEADER],
      raw: req.rawHeaders,
    }),
  );
};

/**
 * Hands the request to GET /api/metrics the way Next does: it first adds X-Forwarded-For (the
 * socket's address) when absent, then passes a Web Request with the same headers.
 */
async function metricsThroughRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { GET } = await import("@/app/api/metrics/route");
  req.headers["x-forwarded-for"] ??= req.socket.remoteAddress;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const response = await GET(new Request(`http://portal.test${req.url ?? "/"}`, { headers }));
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  res.end(await response.text());
}

describe("portal HTTP server", () => {
  beforeAll(() => {
    getMetrics();
  });

  it("replaces a forged peer-address header with the real peer, in parsed and raw headers", async () => {
    const { port } = await start(echo);
    const answer = await get(port, "/documents/42?name=Dupont", {
      [PEER_ADDRESS_HEADER]: "10.9.8.7",
      "X-Portal-Peer-Address": "1.2.3.4",
    });
    const seen = JSON.parse(answer.body) as { peer: string; relayed: string; raw: string[] };
    expect(seen.peer).toBe("127.0.0.1");
    expect(seen.raw.join(" ")).not.toMatch(/10\.9\.8\.7|1\.2\.3\.4/);
    expect(seen.relayed).toBe("0");
  });

  it("gives each request an id, keeps a well-formed incoming one, replaces a bad one", async () => {
    const { port } = await start(echo);
    expect((await get(port, "/")).headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect((await get(port, "/", { "x-request-id": "lb-0123456789" })).headers["x-request-id"]).toBe("lb-0123456789");
    expect((await get(port, "/", { "x-request-id": "<script>" })).headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("counts and logs each request under its route label, without query string or path values", async () => {
    const { port } = await start(async (_req, res) => {
      res.statusCode = 404;
      res.end();
    });
    const count = async (): Promise<number> =>
      (await getMetrics().httpRequestsTotal.get()).values.find(
        (v) => v.labels.method === "GET" && v.labels.route === "/documents/[documentId]" && v.labels.status === "404",
      )?.value ?? 0;
    const before = await count();
    await get(port, "/documents/compte-rendu-dupont?token=abc", { cookie: "session=s3cret" });
    await eventually(async () => (await count()) - before === 1);
    const line = logLines.find((entry) => entry.msg === "request" && entry.status === 404);
    expect(line).toMatchObject({ method: "GET", route: "/documents/[documentId]", status: 404 });
    expect(typeof line?.durationMs).toBe("number");
    expect(typeof line?.requestId).toBe("string");
    const serialised = JSON.stringify(logLines);
    for (const secret of ["dupont", "token", "abc", "s3cret", "cookie"]) expect(serialised).not.toContain(secret);
  });

  it("serves /api/metrics to a loopback peer when no token is set", async () => {
    const { port } = await start(metricsThroughRoute);
    await get(port, "/api/metrics");
    const answer = await get(port, "/api/metrics");
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toContain("text/plain");
    expect(answer.body).toContain('http_requests_total{method="GET",route="/api/metrics",status="200"}');
    expect(answer.body).toContain("http_request_duration_seconds_bucket");
    expect(answer.body).toContain("process_cpu_user_seconds_total");
  });

  it("refuses /api/metrics to a loopback request relayed by a reverse proxy, and to a forged relay flag", async () => {
    const { port } = await start(metricsThroughRoute);
    const relayed = await get(port, "/api/metrics", { "x-forwarded-for": "203.0.113.7" });
    expect(relayed.status).toBe(403);
    expect(
      (await get(port, "/api/metrics", { forwarded: "for=203.0.113.7", "x-portal-peer-relayed": "0" })).status,
    ).toBe(403);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((info) => info && !info.internal && info.family === "IPv4")?.address;

  it.skipIf(!external)("refuses /api/metrics to a non-loopback peer, even one claiming to be 127.0.0.1", async () => {
    const host = external ?? "";
    const { port } = await start(metricsThroughRoute, { host });
    const answer = await get(port, "/api/metrics", { [PEER_ADDRESS_HEADER]: "127.0.0.1" }, host);
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "FORBIDDEN" } });
  });

  it("hands upgrades to the attached handler and answers 404 to unclaimed ones", async () => {
    const { portal, port } = await start(echo);
    portal.attachUpgradeHandler((req, socket) => {
      if (req.url !== "/collaboration") return false;
      socket.end("HTTP/1.1 101 Switching Protocols\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n");
      return true;
    });
    const upgrade = (path: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const socket = connect(port, "127.0.0.1", () => {
          socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: test\r\n\r\n`);
        });
        let data = "";
        socket.on("data", (chunk) => (data += chunk.toString()));
        socket.on("end", () => resolve(data.split("\r\n")[0] ?? ""));
        socket.on("error", reject);
      });
    expect(await upgrade("/collaboration")).toBe("HTTP/1.1 101 Switching Protocols");
    expect(await upgrade("/elsewhere")).toBe("HTTP/1.1 404 Not Found");
  });

  it("on shutdown finishes in-flight requests, refuses new ones, then runs hooks last-in first", async () => {
    const { portal, port } = await start(async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      res.end("done");
    });
    const order: string[] = [];
    portal.onShutdown(() => void order.push("database"));
    portal.onShutdown(() => void order.push("next"));
    const inFlight = get(port, "/api/slow");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(portal.inFlight()).toBe(1);
    const stopping = portal.shutdown("SIGTERM");
    expect(getPortalServerState().draining).toBe(true);
    await expect(inFlight).resolves.toMatchObject({ status: 200, body: "done" });
    await stopping;
    expect(order).toEqual(["next", "database"]);
    await expect(get(port, "/")).rejects.toThrow(/ECONNREFUSED/);
  });

  it("cuts requests still running when the shutdown timeout passes", async () => {
    const { portal, port } = await start(() => new Promise<void>(() => undefined), { shutdownTimeoutMs: 200 });
    const hanging = get(port, "/api/slow").catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await portal.shutdown("SIGTERM");
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await hanging).toBeInstanceOf(Error);
    expect(logLines.some((line) => line.msg === "request" && line.status === 499)).toBe(true);
  });
});
