// The iframe's own routes (app/api/embed/session/**) as Next calls them, on PGlite and a real
// PostgreSQL: the one-time launch token becomes a partitioned cookie once and only once, the
// cookie opens its session's document and nothing else, save makes a named version (never in
// view mode), close ends the session and its cookie. Bad input is a 4xx naming the problem.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";

// Next's request context, from the Request under test: the cookie header is what the browser sent.
const request = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({
  cookies: () =>
    Promise.resolve({
      get: (name: string) => {
        const found = request.cookie
          .split(/;\s*/)
          .map((pair) => pair.split("="))
          .find(([key]) => key === name);
        return found ? { name, value: found.slice(1).join("=") } : undefined;
      },
    }),
  headers: () => Promise.resolve(new Headers()),
}));

const CLIENT = "dpi-test";
const ORIGINS = ["https://dpi.example", "https://dpi2.example"];

type Json = Record<string, unknown> & { error?: { code: string; message: string; reason?: string } };

async function post(
  route: () => Promise<{ POST: (request: Request) => Promise<Response> }>,
  body: unknown,
  options: { cookie?: string; raw?: string; contentType?: string } = {},
): Promise<{ status: number; body: Json; setCookie: string | null }> {
  request.cookie = options.cookie ?? "";
  const { POST } = await route();
  const response = await POST(
    new Request("http://localhost:3000/api/embed/session/x", {
      method: "POST",
      headers: { "content-type": options.contentType ?? "application/json" },
      body: options.raw ?? JSON.stringify(body),
    }),
  );
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Json) : {},
    setCookie: response.headers.get("set-cookie"),
  };
}

const launch = () => import("@/app/api/embed/session/launch/route");
const collabToken = () => import("@/app/api/embed/session/collab-token/route");
const save = () => import("@/app/api/embed/session/save/route");
const close = () => import("@/app/api/embed/session/close/route");

async function newSession(mode: "edit" | "view", documentId?: string) {
  const { requireEmbedClient } = await import("@/server/embed/clients");
  const { createEmbedSession } = await import("@/server/embed/create-embed-session");
  const created = await createEmbedSession({
    client: requireEmbedClient(CLIENT),
    body: {
      user: { rpps: "10101010101", name: "Alice Martin" },
      document: documentId
        ? { documentId }
        : {
            template: {
              id: "discharge-summary",
              fields: {
                patient: "DUPONT Jeanne",
                admissionDate: "2026-11-20",
                dischargeDate: "2026-11-30",
                service: "Médecine interne",
                physician: "Dr Alice Martin",
              },
            },
          },
      mode,
      reference: `SEJ-${mode}`,
    },
    upload: null,
  });
  return { ...created, token: created.embedUrl.split("#")[1] ?? "" };
}

function cookieOf(setCookie: string | null): string {
  const pair = (setCookie ?? "").split(";")[0] ?? "";
  expect(pair).toMatch(/^portal_embed=[A-Za-z0-9_-]{43}$/);
  return pair;
}

beforeAll(async () => {
  const { hashClientSecret } = await import("@/server/embed/client-secret-hash");
  const dir = mkdtempSync(path.join(tmpdir(), "embed-routes-"));
  const file = path.join(dir, "clients.json");
  writeFileSync(
    file,
    JSON.stringify([
      {
        id: CLIENT,
        name: "DPI de test",
        secretHash: await hashClientSecret("not-used-here-0123456789"),
        allowedOrigins: ORIGINS,
        allowedTemplates: ["discharge-summary"],
      },
    ]),
  );
  setTestEnv({ EMBED_CLIENTS_FILE: file });
  await useTestDatabase();
}, 120_000);

describe("POST /api/embed/session/launch", () => {
  it("answers 4xx naming the problem for bad input", async () => {
    expect((await post(launch, {})).body.error?.message).toMatch(/token/);
    expect((await post(launch, { token: "x", extra: 1 })).status).toBe(400);
    expect((await post(launch, null, { raw: "{not json" })).status).toBe(400);
    expect((await post(launch, { token: "x" }, { contentType: "text/plain" })).status).toBe(415);
    const malformed = await post(launch, { token: "<script>" });
    expect(malformed.status).toBe(401);
    expect(malformed.body.error?.reason).toBe("malformed");
    const unknown = await post(launch, { token: "A".repeat(43) });
    expect(unknown.body.error?.reason).toBe("unknown");
  });

  it("exchanges the token once for a partitioned cookie and the editor's address", async () => {
    const session = await newSession("edit");
    const first = await post(launch, { token: session.token, parentOrigin: ORIGINS[1] });
    expect(first.status).toBe(200);
    expect(first.setCookie).toMatch(/HttpOnly; Secure; SameSite=None; Partitioned; Path=\//);
    cookieOf(first.setCookie);
    expect(first.body.location).toBe(
      `/embed/v1/clients/${CLIENT}/documents/${session.documentId}?parent=${encodeURIComponent(ORIGINS[1] ?? "")}`,
    );
    const again = await post(launch, { token: session.token, parentOrigin: ORIGINS[1] });
    expect(again.status).toBe(401);
    expect(again.body.error?.reason).toBe("used");
    expect(again.setCookie).toBeNull();
  });

  it("keeps a parent origin only when it is one of the client's", async () => {
    const session = await newSession("edit");
    const answer = await post(launch, { token: session.token, parentOrigin: "https://evil.example" });
    expect(answer.status).toBe(200);
    // Two allowed origins and a foreign one claimed: no target at all, rather than a guess.
    expect(answer.body.location).toBe(`/embed/v1/clients/${CLIENT}/documents/${session.documentId}`);
  });
});

describe("the embed cookie's routes", () => {
  it("refuse a request without a live embed cookie (401), and a portal-looking cookie is no help", async () => {
    expect((await post(collabToken, {})).status).toBe(401);
    expect((await post(collabToken, {}, { cookie: `portal_embed=${"B".repeat(43)}` })).status).toBe(401);
    expect((await post(save, {}, { cookie: "authjs.session-token=abc" })).status).toBe(401);
  });

  it("give a collaboration token for the session's document only, save a named version, then close", async () => {
    const session = await newSession("edit");
    const cookie = cookieOf((await post(launch, { token: session.token })).setCookie);

    expect((await post(collabToken, { link: "x".repeat(20) }, { cookie })).status).toBe(400);
    const token = await post(collabToken, {}, { cookie });
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({
      role: "editor",
      readOnly: false,
      websocketPath: `/collab/${session.documentId}`,
    });
    const { verifyCollabToken } = await import("@/server/collab/collab-token");
    const claims = await verifyCollabToken(String(token.body.token), process.env.AUTH_SECRET ?? "");
    expect(claims).toMatchObject({ documentId: session.documentId, role: "editor", linkId: null });

    expect((await post(save, { label: "" }, { cookie })).status).toBe(400);
    expect((await post(save, { label: "x".repeat(121) }, { cookie })).status).toBe(400);
    const saved = await post(save, { label: "Compte-rendu validé" }, { cookie });
    expect(saved.status).toBe(200);
    const { listVersions } = await import("@/server/collab/document-state");
    const versions = await listVersions(session.documentId);
    expect(versions.find((version) => version.id === saved.body.versionId)?.name).toBe("Compte-rendu validé");

    const closed = await post(close, {}, { cookie });
    expect(closed.status).toBe(200);
    expect(closed.body.closed).toBe(true);
    expect((closed.body.saved as { versionId: string } | null)?.versionId).toEqual(expect.any(String));
    expect(closed.setCookie).toMatch(/^portal_embed=;.*Max-Age=0/);
    // The cookie opens nothing any more.
    expect((await post(collabToken, {}, { cookie })).status).toBe(401);
    expect((await post(close, {}, { cookie })).status).toBe(401);
  });

  it("a view-mode session reads only: reader token, save refused (403), close without a version", async () => {
    const edit = await newSession("edit");
    const view = await newSession("view", edit.documentId);
    const cookie = cookieOf((await post(launch, { token: view.token })).setCookie);
    const token = await post(collabToken, {}, { cookie });
    expect(token.body).toMatchObject({ role: "reader", readOnly: true });
    const refused = await post(save, {}, { cookie });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toMatch(/read-only/);
    const closed = await post(close, {}, { cookie });
    expect(closed.status).toBe(200);
    expect(closed.body.saved).toBeNull();
  });
});

describe("frame-ancestors of the embed pages", () => {
  it("lists exactly the client's origins, and 'none' for anything else", async () => {
    const { embedFrameAncestors } = await import("@/server/embed/ui-bridge/embed-frame-ancestors");
    const id = "0b5c2f0e-8a51-4f7e-9a57-3f2d1c0b9a88";
    expect(embedFrameAncestors("/embed/v1/launch")).toBe(ORIGINS.join(" "));
    expect(embedFrameAncestors(`/embed/v1/clients/${CLIENT}/documents/${id}`)).toBe(ORIGINS.join(" "));
    expect(embedFrameAncestors(`/embed/v1/clients/other-client/documents/${id}`)).toBe("'none'");
    expect(embedFrameAncestors(`/embed/v1/clients/${CLIENT}/documents/not-a-uuid`)).toBe("'none'");
    expect(embedFrameAncestors(`/embed/v1/clients/${CLIENT}/documents/${id}/extra`)).toBe("'none'");
    expect(embedFrameAncestors("/embed/v1/elsewhere")).toBe("'none'");
  });
});
