// The documents API as Next calls it (route handlers with a Request and params) and the image node
// route on a real HTTP server: bad input is a 400 naming the problem, someone else's document is a
// 404 exactly like a missing one (no enumeration), a lesser role is a 403, never a 500.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { signInTestUser, type SignedInUser } from "@/test/support/signed-in-user";
import { startNodeRouteServer, type NodeRouteServer } from "@/test/support/node-route-server";
import { callNextRoute, type NextRouteHandler } from "@/test/support/call-next-route";

vi.mock("@/server/auth/current-user", () => import("@/test/support/call-next-route"));

let alice: SignedInUser;
let bruno: SignedInUser;
let images: NodeRouteServer;

/** A Next route handler called as `as` (test/support/call-next-route.ts). */
const call = callNextRoute;

const list = () => import("@/app/api/documents/route");
const one = () => import("@/app/api/documents/[id]/route");
const members = () => import("@/app/api/documents/[id]/members/route");
const links = () => import("@/app/api/documents/[id]/links/route");
const people = () => import("@/app/api/documents/people/route");
const accept = () => import("@/app/api/documents/links/accept/route");

async function createAs(user: SignedInUser, title: string): Promise<string> {
  const answer = await call(user, (await list()).POST, { method: "POST", url: "/api/documents", body: { title } });
  expect(answer.status).toBe(201);
  return (answer.body.document as { id: string }).id;
}

beforeAll(async () => {
  setTestEnv({ DOCUMENTS_IMAGE_MAX_BYTES: "2048" });
  await useTestDatabase();
  alice = await signInTestUser("Alice Martin");
  bruno = await signInTestUser("Bruno Durand");
  const { documentImagesRoute } = await import("@/server/documents/images/document-images-route");
  images = await startNodeRouteServer([documentImagesRoute]);
}, 120_000);

afterAll(async () => {
  await images.close();
});

describe("POST /api/documents", () => {
  it("answers 401 without a session", async () => {
    const answer = await call(null, (await list()).POST, { method: "POST", url: "/api/documents", body: {} });
    expect(answer.status).toBe(401);
  });

  it("answers 400 naming the problem for bad bodies", async () => {
    const post = (await list()).POST;
    const cases: Array<[unknown, RegExp]> = [
      [{ title: "" }, /title/],
      [{ title: "x".repeat(201) }, /title/],
      [{ title: "a\u0000b" }, /title/],
      [{ title: "ok", extra: 1 }, /extra|unrecognized/i],
      [{ templateId: "nope", fields: {} }, /templateId/],
      [{ templateId: "meeting-minutes", fields: { subject: "x", date: "hier" } }, /fields\.date/],
      [{ templateId: "meeting-minutes", fields: { subject: "x", date: "2026-01-01", pirate: "x" } }, /fields\.pirate/],
    ];
    for (const [body, problem] of cases) {
      const answer = await call(alice, post, { method: "POST", url: "/api/documents", body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error?.message).toMatch(problem);
    }
    const notJson = await call(alice, post, { method: "POST", url: "/api/documents", rawBody: "{nope" });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error?.message).toMatch(/JSON/);
  });

  it("answers 400 for an unknown tab", async () => {
    const answer = await call(alice, (await list()).GET, { method: "GET", url: "/api/documents?tab=all" });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toMatch(/tab/);
  });
});

describe("/api/documents/[id] and its sharing routes", () => {
  it("answers 404 alike for someone else's document and a missing one, 400 for a malformed id", async () => {
    const id = await createAs(alice, "Privé");
    const get = (await one()).GET;
    const theirs = await call(bruno, get, { method: "GET", url: `/api/documents/${id}`, params: { id } });
    const missing = "00000000-0000-4000-8000-000000000000";
    const none = await call(bruno, get, { method: "GET", url: `/api/documents/${missing}`, params: { id: missing } });
    expect(theirs.status).toBe(404);
    expect(none.status).toBe(404);
    expect(theirs.body).toEqual(none.body);
    const malformed = await call(bruno, get, { method: "GET", url: "/api/documents/x", params: { id: "../x" } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.message).toMatch(/id/);

    for (const [handler, method, body] of [
      [(await one()).PATCH, "PATCH", { title: "Volé" }],
      [(await one()).DELETE, "DELETE", undefined],
      [(await members()).GET, "GET", undefined],
      [(await members()).POST, "POST", { userId: bruno.user.id, role: "editor" }],
      [(await links()).POST, "POST", { role: "editor" }],
    ] as const) {
      const answer = await call(bruno, handler as NextRouteHandler, {
        method,
        url: `/api/documents/${id}`,
        params: { id },
        body,
      });
      expect(answer.status, method).toBe(404);
    }
  });

  it("answers 403 to a member whose role is too low, 400 for bad roles and ids", async () => {
    const id = await createAs(alice, "Partagé");
    const share = await call(alice, (await members()).POST, {
      method: "POST",
      url: `/api/documents/${id}/members`,
      params: { id },
      body: { userId: bruno.user.id, role: "reader" },
    });
    expect(share.status).toBe(201);
    const rename = await call(bruno, (await one()).PATCH, {
      method: "PATCH",
      url: `/api/documents/${id}`,
      params: { id },
      body: { title: "Renommé" },
    });
    expect(rename.status).toBe(403);
    const owner = await call(alice, (await members()).POST, {
      method: "POST",
      url: `/api/documents/${id}/members`,
      params: { id },
      body: { userId: bruno.user.id, role: "owner" },
    });
    expect(owner.status).toBe(400);
    expect(owner.body.error?.message).toMatch(/role/);
    const badUser = await call(alice, (await members()).POST, {
      method: "POST",
      url: `/api/documents/${id}/members`,
      params: { id },
      body: { userId: "bruno", role: "reader" },
    });
    expect(badUser.status).toBe(400);
    expect(badUser.body.error?.message).toMatch(/userId/);
  });

  it("checks the people query and share-link tokens", async () => {
    const short = await call(alice, (await people()).GET, { method: "GET", url: "/api/documents/people?q=a" });
    expect(short.status).toBe(400);
    expect(short.body.error?.message).toMatch(/q/);
    const tooShort = await call(alice, (await accept()).POST, {
      method: "POST",
      url: "/api/documents/links/accept",
      body: { token: "abc" },
    });
    expect(tooShort.status).toBe(400);
    const unknown = await call(alice, (await accept()).POST, {
      method: "POST",
      url: "/api/documents/links/accept",
      body: { token: "u".repeat(32) },
    });
    expect(unknown.status).toBe(404);
  });
});

describe("/api/document-images", () => {
  const PNG = Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), Buffer.alloc(64, 7)]);

  async function upload(user: SignedInUser | null, documentId: string, body: Buffer) {
    return fetch(`${images.origin}/api/document-images/${documentId}`, {
      method: "POST",
      headers: { ...(user ? { cookie: user.cookie } : {}), "content-type": "application/octet-stream" },
      body: new Uint8Array(body),
    });
  }

  it("stores an editor's PNG and serves it to members only, with its sniffed type and nosniff", async () => {
    const id = await createAs(alice, "Avec image");
    const created = await upload(alice, id, PNG);
    expect(created.status).toBe(201);
    const { src } = (await created.json()) as { src: string };
    expect(src).toMatch(new RegExp(`^/api/document-images/${id}/[0-9a-f-]{36}$`));

    const served = await fetch(`${images.origin}${src}`, { headers: { cookie: alice.cookie } });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);

    const stranger = await fetch(`${images.origin}${src}`, { headers: { cookie: bruno.cookie } });
    expect(stranger.status).toBe(404);
    const anonymous = await fetch(`${images.origin}${src}`);
    expect(anonymous.status).toBe(401);
  });

  it("refuses non-images (415), oversized uploads (413), readers (403), strangers (404) and bad ids (400)", async () => {
    const id = await createAs(alice, "Refus");
    const svg = await upload(
      alice,
      id,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    );
    expect(svg.status).toBe(415);
    const big = await upload(alice, id, Buffer.concat([PNG, Buffer.alloc(4096)]));
    expect(big.status).toBe(413);
    expect(await upload(bruno, id, PNG).then((r) => r.status)).toBe(404);
    await call(alice, (await members()).POST, {
      method: "POST",
      url: `/api/documents/${id}/members`,
      params: { id },
      body: { userId: bruno.user.id, role: "reader" },
    });
    expect(await upload(bruno, id, PNG).then((r) => r.status)).toBe(403);
    const bad = await upload(alice, "not-a-uuid" as string, PNG);
    expect(bad.status).toBe(400);
    const otherDocImage = await fetch(
      `${images.origin}/api/document-images/${id}/00000000-0000-4000-8000-000000000000`,
      {
        headers: { cookie: alice.cookie },
      },
    );
    expect(otherDocImage.status).toBe(404);
  });
});
