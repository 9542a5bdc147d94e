// GET /api/metrics access rules, called as Next calls it (the exported handler).
import { afterEach, describe, expect, it, vi } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { PEER_ADDRESS_HEADER, PEER_RELAYED_HEADER, getPortalServerState } from "@/server/http/portal-server-state";

const TOKEN = "metrics-token-0123456789abcdef";

async function metricsRoute(token: string | undefined): Promise<{ GET: (request: Request) => Promise<Response> }> {
  vi.resetModules();
  Reflect.deleteProperty(process.env, "METRICS_TOKEN");
  setTestEnv(token ? { METRICS_TOKEN: token } : {});
  return import("@/app/api/metrics/route");
}

function request(headers: Record<string, string> = {}): Request {
  return new Request("http://portal.test/api/metrics", { headers });
}

afterEach(() => {
  getPortalServerState().frontsRequests = false;
});

describe("GET /api/metrics with METRICS_TOKEN", () => {
  it("serves Prometheus text for the right bearer token", async () => {
    const { GET } = await metricsRoute(TOKEN);
    const response = await GET(request({ authorization: `Bearer ${TOKEN}` }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    expect(text).toContain("# TYPE http_requests_total counter");
    expect(text).toContain("# TYPE http_request_duration_seconds histogram");
  });

  it("answers 401 JSON for a missing or wrong token, even from loopback", async () => {
    const { GET } = await metricsRoute(TOKEN);
    getPortalServerState().frontsRequests = true;
    const attempts: Array<Record<string, string>> = [
      { [PEER_ADDRESS_HEADER]: "127.0.0.1" },
      { authorization: `Bearer ${TOKEN}x`, [PEER_ADDRESS_HEADER]: "127.0.0.1" },
      { authorization: "Bearer short" },
      { authorization: `Basic ${TOKEN}` },
    ];
    for (const headers of attempts) {
      const response = await GET(request(headers));
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(await response.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    }
  });
});

describe("GET /api/metrics without METRICS_TOKEN", () => {
  it("serves a loopback peer vouched for by the portal server (IPv4, IPv6, IPv4-mapped)", async () => {
    const { GET } = await metricsRoute(undefined);
    getPortalServerState().frontsRequests = true;
    for (const peer of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
      // As the portal server sets them; Next then adds its own X-Forwarded-For, which changes nothing.
      const headers = { [PEER_ADDRESS_HEADER]: peer, [PEER_RELAYED_HEADER]: "0", "x-forwarded-for": peer };
      expect((await GET(request(headers))).status, peer).toBe(200);
    }
  });

  it("answers 403 JSON to a remote or proxied peer, to an unknown peer, and to a claim no portal server vouches for", async () => {
    const { GET } = await metricsRoute(undefined);
    getPortalServerState().frontsRequests = true;
    const attempts: Array<Record<string, string>> = [
      // Relayed by a reverse proxy on the same machine: the visitor is elsewhere.
      { [PEER_ADDRESS_HEADER]: "127.0.0.1", [PEER_RELAYED_HEADER]: "1" },
      // The portal server always sets the relayed flag; without it, nothing is vouched for.
      { [PEER_ADDRESS_HEADER]: "127.0.0.1" },
      { [PEER_ADDRESS_HEADER]: "10.0.0.5", [PEER_RELAYED_HEADER]: "0" },
      { [PEER_ADDRESS_HEADER]: "::ffff:192.168.1.2", [PEER_RELAYED_HEADER]: "0" },
      {},
    ];
    for (const headers of attempts) {
      const response = await GET(request(headers));
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
    }
    // Under `next dev` or `next start` nobody strips the header: a client could claim anything.
    getPortalServerState().frontsRequests = false;
    expect((await GET(request({ [PEER_ADDRESS_HEADER]: "127.0.0.1", [PEER_RELAYED_HEADER]: "0" }))).status).toBe(403);
  });
});
