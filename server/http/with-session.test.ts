import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { PortalUser } from "@/server/auth/portal-user";

let currentUser: PortalUser | null = null;
// The wrapper's own logic is under test; who is signed in is the session layer's job (tested there).
vi.mock("@/server/auth/current-user", () => ({ getCurrentUser: () => Promise.resolve(currentUser) }));

const { withSession } = await import("@/server/http/with-session");

const alice: PortalUser = {
  id: "00000000-0000-4000-8000-000000000001",
  displayName: "Alice",
  profession: null,
  provider: "idcaih",
  authMethods: ["pwd"],
  acr: null,
  isAdmin: false,
  sessionId: "s",
};

const route = withSession(
  { query: z.object({ page: z.coerce.number().int().min(1) }), body: z.object({ name: z.string().min(1) }) },
  ({ query, body, user }) => Promise.resolve(Response.json({ page: query.page, name: body.name, user: user.id })),
);
const adminRoute = withSession({ requireAdmin: true }, () => Promise.resolve(new Response("ok")));
const failing = withSession({}, () => Promise.reject(new Error("db password is hunter2")));
const context = { params: Promise.resolve({}) };

function post(url: string, body: string, contentType = "application/json") {
  return new Request(url, { method: "POST", headers: { "content-type": contentType }, body });
}

beforeEach(() => {
  currentUser = alice;
});

describe("withSession", () => {
  it("answers 401 without a session", async () => {
    currentUser = null;
    const response = await route(post("http://p/api?page=1", '{"name":"a"}'), context);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });

  it("answers 403 to a non-administrator on an admin route", async () => {
    expect((await adminRoute(new Request("http://p/api"), context)).status).toBe(403);
  });

  it("passes parsed input to the handler", async () => {
    const response = await route(post("http://p/api?page=2", '{"name":"minutes"}'), context);
    expect(await response.json()).toEqual({ page: 2, name: "minutes", user: alice.id });
  });

  it("answers 400 naming the bad field, 415 for a wrong content type, 400 for broken JSON", async () => {
    const badQuery = await route(post("http://p/api?page=zero", '{"name":"a"}'), context);
    expect(badQuery.status).toBe(400);
    expect(await badQuery.json()).toMatchObject({ error: { code: "BAD_REQUEST", issues: [{ path: "page" }] } });
    const badBody = await route(post("http://p/api?page=1", '{"name":""}'), context);
    expect(await badBody.json()).toMatchObject({ error: { issues: [{ path: "name" }] } });
    expect((await route(post("http://p/api?page=1", "name=a", "text/plain"), context)).status).toBe(415);
    expect((await route(post("http://p/api?page=1", "{broken"), context)).status).toBe(400);
  });

  it("answers a generic 500 without leaking the error", async () => {
    const response = await failing(new Request("http://p/api"), context);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toMatch(/at .*\.ts/);
  });
});
