// GET /api/ready, called as Next calls it (the exported handler), against real sockets: a backend
// that refuses connections, one that never answers, and a database that is down.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { hangingBackend, refusingBackend, type StubBackend } from "@/test/support/stub-backends";
import { useTestDatabase } from "@/test/support/test-database";
import { setDatabaseForTests } from "@/server/db/client";
import { getPortalServerState } from "@/server/http/portal-server-state";

const CHECK_TIMEOUT_MS = 500;

// The registry also lists the account module, which reaches next-auth; next-auth imports
// `next/server` without an extension, which Node's ESM resolution (Vitest's for dependencies it does
// not inline) cannot find. It has no health check, so it never appears in /api/ready: a stand-in
// keeps this test about readiness. (Adding `server.deps.inline: ["next-auth"]` to vitest.config.ts
// would let tests load the real one.)
vi.mock("@/server/account/account-module", () => ({ accountModule: { id: "account", isEnabled: () => true } }));

const filesRoot = mkdtempSync(path.join(tmpdir(), "portal-ready-files-"));

async function readyRoute(extraEnv: Record<string, string>): Promise<{ GET: () => Promise<Response> }> {
  vi.resetModules();
  for (const key of ["NEWS_FEED_URL", "DATABASE_URL"]) Reflect.deleteProperty(process.env, key);
  // The files module is always enabled; its check is that its (throwaway) root is writable.
  setTestEnv({ READY_CHECK_TIMEOUT_MS: String(CHECK_TIMEOUT_MS), FILES_ROOT: filesRoot, ...extraEnv });
  return import("@/app/api/ready/route");
}

async function call(
  GET: () => Promise<Response>,
): Promise<{ status: number; body: unknown; text: string; ms: number; cacheControl: string | null }> {
  const started = performance.now();
  const response = await GET();
  const text = await response.text();
  return {
    status: response.status,
    body: JSON.parse(text),
    text,
    ms: performance.now() - started,
    cacheControl: response.headers.get("cache-control"),
  };
}

describe("GET /api/ready", () => {
  let silent: StubBackend;
  let database: Awaited<ReturnType<typeof useTestDatabase>>;

  beforeAll(async () => {
    silent = await hangingBackend("/news.xml");
    database = await useTestDatabase();
  });

  afterAll(async () => {
    await silent.close();
    await database.close();
  });

  it("is ready with the database up and no module backend configured", async () => {
    const { GET } = await readyRoute({});
    const answer = await call(GET);
    expect(answer.status).toBe(200);
    expect(answer.cacheControl).toBe("no-store");
    expect(answer.body).toEqual({
      status: "ready",
      modules: {
        database: { state: "up", latencyMs: expect.any(Number) },
        files: { state: "up", latencyMs: expect.any(Number) },
      },
    });
  });

  it("is degraded (200) when a module's backend refuses connections, naming no host", async () => {
    const url = await refusingBackend("/news.xml");
    const { GET } = await readyRoute({ NEWS_FEED_URL: url });
    const answer = await call(GET);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      status: "degraded",
      modules: {
        database: { state: "up", latencyMs: expect.any(Number) },
        files: { state: "up", latencyMs: expect.any(Number) },
        news: { state: "down", reason: "connection refused" },
      },
    });
    expect(answer.text).not.toMatch(/127\.0\.0\.1|news\.xml|http:|at /);
  });

  it("answers within the check deadline when a module's backend never answers", async () => {
    const { GET } = await readyRoute({ NEWS_FEED_URL: silent.url });
    const answer = await call(GET);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: "degraded",
      modules: { database: { state: "up" }, news: { state: "down", reason: "timeout" } },
    });
    expect(answer.ms).toBeLessThan(CHECK_TIMEOUT_MS + 400);
  });

  it("is unavailable (503) when the database refuses connections", async () => {
    const port = new URL(await refusingBackend()).port;
    setDatabaseForTests(undefined);
    try {
      const { GET } = await readyRoute({ DATABASE_URL: `postgres://portal:secret@127.0.0.1:${port}/portal` });
      const answer = await call(GET);
      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({
        status: "unavailable",
        modules: {
          database: { state: "down", reason: "connection refused" },
          files: { state: "up", latencyMs: expect.any(Number) },
        },
      });
      expect(answer.text).not.toMatch(/secret|127\.0\.0\.1|postgres/);
    } finally {
      setDatabaseForTests(database);
    }
  });

  it("is unavailable (503) while the server drains for shutdown", async () => {
    const { GET } = await readyRoute({});
    getPortalServerState().draining = true;
    try {
      const answer = await call(GET);
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ status: "unavailable", modules: { database: { state: "up" } } });
    } finally {
      getPortalServerState().draining = false;
    }
  });
});
