// Bad input on every Files route, node routes over real HTTP and Next JSON routes as Next calls
// them: path traversal in all its spellings × every place a path is taken, missing parameters,
// wrong types, oversize values and bodies, wrong methods. Each must be a 4xx JSON error with a
// message and no stack trace — never a 500, never a file outside the user's root.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { callRoute, startFilesHttpFixture, type FilesHttpFixture } from "@/server/files/http/files-http-fixture";

vi.mock("@/server/auth/current-user", async () => {
  const { mockedCurrentUser } = await import("@/server/files/http/files-http-fixture");
  return { getCurrentUser: mockedCurrentUser };
});

let fixture: FilesHttpFixture;

beforeAll(async () => {
  fixture = await startFilesHttpFixture();
}, 180_000);
afterAll(async () => {
  await fixture.close();
});

/** Paths as the API receives them (already URL-decoded once by the query parser or JSON). */
const TRAVERSALS: Array<[string, string]> = [
  ["dot-dot", "../etc/passwd"],
  ["rooted dot-dot", "/../etc/passwd"],
  ["dot-dot past the root", "/a/../../etc/passwd"],
  ["percent-encoded dot-dot", "/%2e%2e/etc/passwd"],
  ["upper-case percent-encoded", "/%2E%2E/etc/passwd"],
  ["double-encoded dot-dot", "/%252e%252e/etc/passwd"],
  ["encoded slash", "/..%2fetc%2fpasswd"],
  ["backslashes", "/a\\..\\..\\etc"],
  ["Windows drive", "C:\\Windows\\win.ini"],
  ["NUL byte", "/notes.txt\u0000.png"],
  ["overlong", `/${"a".repeat(5000)}`],
];

async function expectClientError(response: Response, status: number[] = [400], head = false): Promise<void> {
  const text = await response.text();
  expect(status, text).toContain(response.status);
  // A HEAD answer has the headers of the error and, by definition, no body.
  if (head) return;
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code).toBe("string");
  expect(typeof body.error?.message).toBe("string");
  expect((body.error?.message as string).length).toBeGreaterThan(0);
  expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
  expect(text).not.toContain(fixture.root);
}

function node(
  method: string,
  pathAndQuery: string,
  init: { body?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${fixture.origin}${pathAndQuery}`, {
    method,
    headers: { cookie: fixture.alice.cookie, ...init.headers },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
}

type Handler = Parameters<typeof callRoute>[0];

async function next(
  modulePath: string,
  method: "GET" | "POST" | "DELETE",
  url: string,
  body?: unknown,
  params?: Record<string, string>,
): Promise<Response> {
  const routeModule = (await import(/* @vite-ignore */ modulePath)) as Record<string, Handler>;
  const handler = routeModule[method];
  if (!handler) throw new Error(`${modulePath} has no ${method}`);
  return callRoute(handler, { method, url, cookie: fixture.alice.cookie, body, ...(params ? { params } : {}) });
}

const q = encodeURIComponent;

/** Every place a path is taken, as a function of the bad path. */
const PATH_TAKERS: Array<[string, (path: string) => Promise<Response>]> = [
  ["GET content", (p) => node("GET", `/api/files/content?path=${q(p)}`)],
  ["HEAD content", (p) => node("HEAD", `/api/files/content?path=${q(p)}`)],
  ["PUT content", (p) => node("PUT", `/api/files/content?path=${q(p)}`, { body: "x" })],
  [
    "POST uploads",
    (p) =>
      node("POST", "/api/files/uploads", {
        body: JSON.stringify({ path: p, size: 1 }),
        headers: { "content-type": "application/json" },
      }),
  ],
  ["GET zip", (p) => node("GET", `/api/files/zip?path=%2F&path=${q(p)}`)],
  ["GET preview", (p) => node("GET", `/api/files/preview?path=${q(p)}`)],
  ["GET version content", (p) => node("GET", `/api/files/versions/content?path=${q(p)}&version=v1`)],
  ["GET list", (p) => next("@/app/api/files/list/route", "GET", `/api/files/list?path=${q(p)}`)],
  ["POST folders", (p) => next("@/app/api/files/folders/route", "POST", "/api/files/folders", { path: p })],
  ["POST move (from)", (p) => next("@/app/api/files/move/route", "POST", "/api/files/move", { from: p, to: "/x" })],
  ["POST move (to)", (p) => next("@/app/api/files/move/route", "POST", "/api/files/move", { from: "/x", to: p })],
  ["POST copy (to)", (p) => next("@/app/api/files/copy/route", "POST", "/api/files/copy", { from: "/x", to: p })],
  [
    "POST rename (path)",
    (p) => next("@/app/api/files/rename/route", "POST", "/api/files/rename", { path: p, name: "y" }),
  ],
  ["POST delete", (p) => next("@/app/api/files/delete/route", "POST", "/api/files/delete", { paths: ["/x", p] })],
  ["GET versions", (p) => next("@/app/api/files/versions/route", "GET", `/api/files/versions?path=${q(p)}`)],
  [
    "POST versions/restore",
    (p) =>
      next("@/app/api/files/versions/restore/route", "POST", "/api/files/versions/restore", { path: p, version: "v" }),
  ],
  [
    "POST favourites",
    (p) => next("@/app/api/files/favourites/route", "POST", "/api/files/favourites", { path: p, favourite: true }),
  ],
  ["GET shares", (p) => next("@/app/api/files/shares/route", "GET", `/api/files/shares?path=${q(p)}`)],
  [
    "POST shares",
    (p) => next("@/app/api/files/shares/route", "POST", "/api/files/shares", { path: p, access: "read" }),
  ],
];

describe("path traversal on every route", () => {
  for (const [route, call] of PATH_TAKERS) {
    it.each(TRAVERSALS)(`${route}: %s → 400`, async (_name, path) => {
      await expectClientError(await call(path), [400], route.startsWith("HEAD"));
    });
  }
});

describe("rename to a name that would escape", () => {
  it.each(["..", "../x", "a/b", "a\\b", "", "x".repeat(300)])("refuses %j", async (name) => {
    await expectClientError(
      await next("@/app/api/files/rename/route", "POST", "/api/files/rename", { path: "/a", name }),
    );
  });
});

describe("missing parameters, wrong types, oversize values", () => {
  const json = { "content-type": "application/json" };
  const cases: Array<[string, () => Promise<Response>, number[]?]> = [
    ["content without path", () => node("GET", "/api/files/content")],
    ["content with path twice", () => node("GET", "/api/files/content?path=%2Fa&path=%2Fb")],
    ["content with download=maybe", () => node("GET", "/api/files/content?path=%2Fa&download=maybe")],
    ["PUT content with overwrite=yes", () => node("PUT", "/api/files/content?path=%2Fa&overwrite=yes", { body: "x" })],
    [
      "uploads with size as a string",
      () => node("POST", "/api/files/uploads", { body: '{"path":"/a","size":"12"}', headers: json }),
    ],
    [
      "uploads with a negative size",
      () => node("POST", "/api/files/uploads", { body: '{"path":"/a","size":-1}', headers: json }),
    ],
    [
      "uploads with a fractional size",
      () => node("POST", "/api/files/uploads", { body: '{"path":"/a","size":1.5}', headers: json }),
    ],
    [
      "uploads with an unknown field",
      () => node("POST", "/api/files/uploads", { body: '{"path":"/a","size":1,"url":"http://x"}', headers: json }),
    ],
    ["uploads with broken JSON", () => node("POST", "/api/files/uploads", { body: '{"path":', headers: json })],
    [
      "uploads as a form",
      () =>
        node("POST", "/api/files/uploads", {
          body: "path=/a&size=1",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        }),
      [415],
    ],
    [
      "uploads with a 20 KiB JSON body",
      () =>
        node("POST", "/api/files/uploads", {
          body: JSON.stringify({ path: `/${"a".repeat(20_000)}`, size: 1 }),
          headers: json,
        }),
      [413],
    ],
    ["an upload id of 200 characters", () => node("GET", `/api/files/uploads/${"a".repeat(200)}`)],
    ["an upload id with odd characters", () => node("GET", "/api/files/uploads/a%20b")],
    ["a chunk with a negative offset", () => node("PUT", "/api/files/uploads/abc?offset=-1", { body: "x" })],
    ["a chunk without offset", () => node("PUT", "/api/files/uploads/abc", { body: "x" })],
    ["a sub-route of uploads that does not exist", () => node("POST", "/api/files/uploads/abc/finish"), [404]],
    ["zip without path", () => node("GET", "/api/files/zip")],
    ["zip with a name holding a slash", () => node("GET", "/api/files/zip?path=%2F&name=..%2Fx.zip")],
    ["preview with w=abc", () => node("GET", "/api/files/preview?path=%2Fa&w=abc")],
    ["preview with w=99999", () => node("GET", "/api/files/preview?path=%2Fa&w=99999")],
    [
      "version content with a version id holding a slash",
      () => node("GET", "/api/files/versions/content?path=%2Fa&version=..%2Fx"),
    ],
    ["recent with limit=abc", () => next("@/app/api/files/recent/route", "GET", "/api/files/recent?limit=abc")],
    ["recent with limit=100000", () => next("@/app/api/files/recent/route", "GET", "/api/files/recent?limit=100000")],
    ["search without q", () => next("@/app/api/files/search/route", "GET", "/api/files/search")],
    [
      "search with q of 201 characters",
      () => next("@/app/api/files/search/route", "GET", `/api/files/search?q=${"a".repeat(201)}`),
    ],
    ["delete with no paths", () => next("@/app/api/files/delete/route", "POST", "/api/files/delete", { paths: [] })],
    [
      "delete with 1001 paths",
      () =>
        next("@/app/api/files/delete/route", "POST", "/api/files/delete", {
          paths: Array.from({ length: 1001 }, (_, i) => `/f${i}`),
        }),
    ],
    [
      "delete with paths as a string",
      () => next("@/app/api/files/delete/route", "POST", "/api/files/delete", { paths: "/a" }),
    ],
    [
      "favourites with favourite as a string",
      () => next("@/app/api/files/favourites/route", "POST", "/api/files/favourites", { path: "/a", favourite: "yes" }),
    ],
    [
      "shares with access=write",
      () => next("@/app/api/files/shares/route", "POST", "/api/files/shares", { path: "/a", access: "write" }),
    ],
    [
      "shares with an expiry in the past",
      () =>
        next("@/app/api/files/shares/route", "POST", "/api/files/shares", {
          path: "/a",
          access: "read",
          expiresOn: "2020-01-01",
        }),
    ],
    [
      "shares with a malformed expiry",
      () =>
        next("@/app/api/files/shares/route", "POST", "/api/files/shares", {
          path: "/a",
          access: "read",
          expiresOn: "tomorrow",
        }),
    ],
    [
      "trash restore with an id holding a slash",
      () => next("@/app/api/files/trash/restore/route", "POST", "/api/files/trash/restore", { id: "../x" }),
    ],
    ["trash purge without id", () => next("@/app/api/files/trash/purge/route", "POST", "/api/files/trash/purge", {})],
    [
      "revoking a share id holding a slash",
      () => next("@/app/api/files/shares/[id]/route", "DELETE", "/api/files/shares/x", undefined, { id: "../x" }),
    ],
  ];
  it.each(cases)("%s → 4xx JSON", async (_name, call, status) => {
    await expectClientError(await call(), status ?? [400]);
  });
});

describe("wrong methods", () => {
  it.each([
    ["DELETE", "/api/files/content?path=%2Fa"],
    ["POST", "/api/files/content?path=%2Fa"],
    ["GET", "/api/files/uploads"],
    ["PATCH", "/api/files/uploads/abc"],
    ["GET", "/api/files/uploads/abc/complete"],
    ["POST", "/api/files/zip?path=%2F"],
    ["DELETE", "/api/files/preview?path=%2Fa"],
    ["PUT", "/api/files/versions/content?path=%2Fa&version=v"],
    ["GET", "/api/public/shares/AAAAAAAAAAAAAAAA/unlock"],
    ["DELETE", "/api/public/shares/AAAAAAAAAAAAAAAA/content"],
  ])("%s %s → 405 naming the allowed methods", async (method, url) => {
    const response = await node(method, url, method === "GET" || method === "DELETE" ? {} : { body: "" });
    expect(response.headers.get("allow")).toBeTruthy();
    await expectClientError(response, [405]);
  });
});

describe("without a session", () => {
  it.each([
    ["GET", "/api/files/content?path=%2Fa"],
    ["PUT", "/api/files/content?path=%2Fa"],
    ["POST", "/api/files/uploads"],
    ["GET", "/api/files/uploads/abc"],
    ["GET", "/api/files/zip?path=%2F"],
    ["GET", "/api/files/preview?path=%2Fa"],
    ["GET", "/api/files/versions/content?path=%2Fa&version=v"],
  ])("%s %s → 401", async (method, url) => {
    const response = await fetch(`${fixture.origin}${url}`, { method, ...(method === "GET" ? {} : { body: "x" }) });
    await expectClientError(response, [401]);
  });

  it("401 on the JSON routes too", async () => {
    const list = await import("@/app/api/files/list/route");
    await expectClientError(await callRoute(list.GET, { url: "/api/files/list?path=%2F", cookie: null }), [401]);
  });
});
