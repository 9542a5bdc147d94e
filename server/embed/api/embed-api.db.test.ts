// The embedding API over real HTTP (the node route the portal serves) on a real database (PGlite
// and PostgreSQL): OAuth2 client credentials, session creation from a template (field values stay
// text), the one-time launch token and the embed cookie's scope, cancel, lists, exports (native,
// DOCX, PDF/A read back by poppler), DOCX upload and its size limit, another client's sessions and
// documents (404), and the OpenAPI document generated from the routes' own schemas.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { startNodeRouteServer, type NodeRouteServer } from "@/test/support/node-route-server";
import { richWordDocument } from "@/test/fixtures/documents/word-fixtures";
import { pdfMetadata, pdfToText } from "@/test/fixtures/documents/independent-reader";
import { db } from "@/server/db/client";
import { auditLog, documentMembers, identities, users } from "@/server/db/schema";
import { embedLaunchTokens, embedSessions } from "@/server/embed/schema";
import { readDocumentJson } from "@/server/collab/document-state";
import { IMPORT_MAX_BYTES } from "@/server/documents/convert/convert-limits";
import {
  clientsFilePath,
  fetchAccessToken,
  writeClientsFile,
  type TestClient,
} from "@/server/embed/testing/embed-test-kit";
import { embedApiRoute } from "@/server/embed/api/embed-api-route";
import { exchangeLaunchToken, newEmbedSecret, readEmbedSession } from "@/server/embed/embed-session";
import { inputJsonSchema, OPENAPI_QUERY_SCHEMAS, OPENAPI_REQUEST_SCHEMAS } from "@/server/embed/api/openapi";
import { ZCreateSessionBody } from "@/server/embed/api/schemas";

const clientA: TestClient = {
  id: "dpi-a",
  secret: "secret-of-a-0123456789-abcdefghijklmn",
  webhookSecret: "w".repeat(40),
};
const clientB: TestClient = {
  id: "dpi-b",
  secret: "secret-of-b-0123456789-abcdefghijklmn",
  webhookSecret: "v".repeat(40),
};

let server: NodeRouteServer;
let tokenA: string;
let tokenB: string;
const clientsFile = clientsFilePath();
setTestEnv({ EMBED_CLIENTS_FILE: clientsFile, PORTAL_URL: "https://portail.chu.example" });

beforeAll(async () => {
  await writeClientsFile([clientA, { ...clientB, allowedTemplates: ["meeting-minutes"] }], clientsFile);
  await useTestDatabase();
  server = await startNodeRouteServer([embedApiRoute]);
  tokenA = await fetchAccessToken(server.origin, clientA);
  tokenB = await fetchAccessToken(server.origin, clientB);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

function api(path: string, init: RequestInit & { token?: string | null } = {}): Promise<Response> {
  const { token = tokenA, headers, ...rest } = init;
  return fetch(`${server.origin}/api/embed/v1${path}`, {
    ...rest,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(headers as Record<string, string>) },
  });
}

function postJson(path: string, body: unknown, token: string | null = tokenA): Promise<Response> {
  return api(path, {
    method: "POST",
    token,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const dischargeFields = {
  patient: "Mme Dupont <script>alert(1)</script>",
  admissionDate: "2026-11-20",
  dischargeDate: "2026-11-28",
  service: "Cardiologie <b>B</b>",
  physician: "Dr Martin",
};

function sessionRequest(overrides: Record<string, unknown> = {}) {
  return {
    user: { rpps: "10101010101", name: "Alice Martin", profession: "Médecin" },
    document: { template: { id: "discharge-summary", fields: dischargeFields } },
    mode: "edit",
    reference: `sejour-${randomUUID()}`,
    ...overrides,
  };
}

async function createSession(overrides: Record<string, unknown> = {}, token = tokenA) {
  const response = await postJson("/sessions", sessionRequest(overrides), token);
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { sessionId: string; documentId: string; embedUrl: string; expiresAt: string };
}

function tokenOf(embedUrl: string): string {
  const url = new URL(embedUrl);
  expect(url.origin + url.pathname).toBe("https://portail.chu.example/embed/v1/launch");
  return url.hash.slice(1);
}

function textOf(node: unknown): string {
  const n = node as { text?: string; content?: unknown[] };
  return (n.text ?? "") + (n.content ?? []).map(textOf).join(" ");
}

describe("OAuth2 client credentials", () => {
  const form = "application/x-www-form-urlencoded";

  it("issues a bearer token with client_secret_post too", async () => {
    const response = await api("/oauth/token", {
      method: "POST",
      token: null,
      headers: { "content-type": form },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: clientA.id,
        client_secret: clientA.secret,
      }).toString(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 600, scope: "embed" });
    expect(typeof body.access_token).toBe("string");
  });

  it("refuses a wrong secret and an unknown client with invalid_client (401, WWW-Authenticate), audited", async () => {
    for (const credentials of [`${clientA.id}:wrong-secret`, "no-such-client:whatever"]) {
      const response = await api("/oauth/token", {
        method: "POST",
        token: null,
        headers: { "content-type": form, authorization: `Basic ${Buffer.from(credentials).toString("base64")}` },
        body: "grant_type=client_credentials",
      });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Basic /);
      expect(await response.json()).toEqual({
        error: "invalid_client",
        error_description: "unknown client or wrong secret",
      });
    }
    const failures = await (await db()).select().from(auditLog).where(eq(auditLog.action, "embed.client_auth_failed"));
    expect(failures.map((row) => row.details.reason).sort()).toEqual(["unknown_client", "wrong_secret"]);
  });

  it("answers RFC 6749 errors for a bad grant, two auth methods, a bad scope or a JSON body", async () => {
    const basic = `Basic ${Buffer.from(`${clientA.id}:${clientA.secret}`).toString("base64")}`;
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ "content-type": form, authorization: basic }, "grant_type=password", "unsupported_grant_type"],
      [{ "content-type": form, authorization: basic }, "", "invalid_request"],
      [
        { "content-type": form, authorization: basic },
        `grant_type=client_credentials&client_id=${clientA.id}`,
        "invalid_request",
      ],
      [{ "content-type": form, authorization: basic }, "grant_type=client_credentials&scope=admin", "invalid_scope"],
      [
        { "content-type": "application/json", authorization: basic },
        '{"grant_type":"client_credentials"}',
        "invalid_request",
      ],
    ];
    for (const [headers, body, error] of cases) {
      const response = await api("/oauth/token", { method: "POST", token: null, headers, body });
      expect(response.status, body).toBe(400);
      expect(((await response.json()) as { error: string }).error).toBe(error);
    }
  });

  it("slows guessing: past 10 failures for a client id, the next attempt gets 429 with Retry-After", async () => {
    const attempt = (secret: string) =>
      api("/oauth/token", {
        method: "POST",
        token: null,
        headers: { "content-type": form },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: "guessed-client",
          client_secret: secret,
        }).toString(),
      });
    for (let index = 0; index < 10; index += 1) expect((await attempt(`guess-${index}`)).status).toBe(401);
    const limited = await attempt("guess-final");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("is not blocked by the cross-site check when a bearer token is sent; a cookie-style cross-site POST still is", async () => {
    const foreign = { origin: "https://dpi.example", "content-type": "application/json" };
    const withToken = await api("/sessions", {
      method: "POST",
      headers: foreign,
      body: JSON.stringify(sessionRequest()),
    });
    expect(withToken.status).toBe(201);
    const withoutToken = await api("/sessions", { method: "POST", token: null, headers: foreign, body: "{}" });
    expect(withoutToken.status).toBe(403);
  });

  it("refuses API calls without a token, with a forged one, or with one signed for something else", async () => {
    expect((await api("/sessions", { token: null })).status).toBe(401);
    const forged = `${tokenA.slice(0, -4)}AAAA`;
    const response = await api("/sessions", { token: forged });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(await response.json()).toEqual({
      error: { code: "UNAUTHENTICATED", message: "invalid or expired access token" },
    });
  });
});

describe("sessions", () => {
  it("creates a document from an allowed template with field values as text, and a one-time embed URL", async () => {
    const created = await createSession();
    expect(created.embedUrl).toMatch(/#[A-Za-z0-9_-]{43}$/);
    const text = textOf(await readDocumentJson(created.documentId));
    expect(text).toContain("Mme Dupont <script>alert(1)</script>");
    expect(text).toContain("Cardiologie <b>B</b>");
    const view = (await (await api(`/sessions/${created.sessionId}`)).json()) as Record<string, unknown>;
    expect(view).toMatchObject({ status: "active", mode: "edit", editor: "native", locale: "fr", launchedAt: null });
    const [user] = await (await db()).select().from(users).where(eq(users.rpps, "10101010101"));
    expect(user).toMatchObject({ displayName: "Alice Martin", profession: "Médecin" });
    const audit = await (await db()).select().from(auditLog).where(eq(auditLog.action, "embed.session_created"));
    expect(audit.at(-1)).toMatchObject({ actorUserId: user?.id, targetId: created.documentId });
    expect(audit.at(-1)?.details).toMatchObject({ clientId: clientA.id, sessionId: created.sessionId });
  });

  it("finds the same user again by RPPS, and by ID CAIH subject (provisioned with its identity)", async () => {
    const first = await createSession({ user: { subject: "idcaih-sub-42", name: "Bruno Durand" } });
    await createSession({ user: { subject: "idcaih-sub-42", name: "Another name" } });
    const rows = await (await db()).select().from(identities).where(eq(identities.subject, "idcaih-sub-42"));
    expect(rows).toHaveLength(1);
    const view = (await (await api(`/sessions/${first.sessionId}`)).json()) as { user: { name: string } };
    expect(view.user.name).toBe("Bruno Durand");
  });

  it("refuses bad input with a 400 naming the problem", async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ document: { template: { id: "care-protocol", fields: {} } } }, /not among this client's allowed templates/],
      [
        { document: { template: { id: "discharge-summary", fields: { ...dischargeFields, nope: "x" } } } },
        /fields\.nope/,
      ],
      [
        {
          document: {
            template: { id: "discharge-summary", fields: { ...dischargeFields, admissionDate: "20/11/2026" } },
          },
        },
        /admissionDate/,
      ],
      [{ user: { name: "Nobody" } }, /subject/],
      [{ user: { rpps: "123", name: "Short" } }, /rpps/],
      [{ mode: "admin" }, /mode/],
      [{ reference: "" }, /reference/],
      [{ document: { upload: {} } }, /multipart/],
    ];
    for (const [override, message] of cases) {
      const response = await postJson("/sessions", sessionRequest(override));
      expect(response.status, JSON.stringify(override)).toBe(400);
      expect(JSON.stringify(await response.json())).toMatch(message);
    }
    const notJson = await api("/sessions", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "hello",
    });
    expect(notJson.status).toBe(415);
  });

  it("exchanges the launch token once: a reused or expired token is refused and audited", async () => {
    const created = await createSession();
    const token = tokenOf(created.embedUrl);
    const launched = await exchangeLaunchToken(token);
    expect(launched).toMatchObject({
      sessionId: created.sessionId,
      documentId: created.documentId,
      mode: "edit",
      clientId: clientA.id,
      locale: "fr",
    });
    await expect(exchangeLaunchToken(token)).rejects.toMatchObject({ reason: "used", status: 401 });

    const other = await createSession();
    await (
      await db()
    )
      .update(embedLaunchTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(embedLaunchTokens.sessionId, other.sessionId));
    await expect(exchangeLaunchToken(tokenOf(other.embedUrl))).rejects.toMatchObject({
      reason: "expired",
    });
    await expect(exchangeLaunchToken("A".repeat(43))).rejects.toMatchObject({ reason: "unknown" });
    await expect(exchangeLaunchToken("../../etc")).rejects.toMatchObject({ reason: "malformed" });
    const refusals = await (await db()).select().from(auditLog).where(eq(auditLog.action, "embed.launch_refused"));
    expect(refusals.map((row) => row.details.reason)).toEqual(
      expect.arrayContaining(["used", "expired", "unknown", "malformed"]),
    );
  });

  it("lets only one of two concurrent exchanges of the same token succeed", async () => {
    const created = await createSession();
    const token = tokenOf(created.embedUrl);
    const results = await Promise.allSettled([exchangeLaunchToken(token), exchangeLaunchToken(token)]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
  });

  it("scopes the cookie to one document and the mode's role; cancel ends it", async () => {
    const created = await createSession({ mode: "view" });
    const launched = await exchangeLaunchToken(tokenOf(created.embedUrl));
    const session = await readEmbedSession(launched.cookieValue);
    expect(session).toMatchObject({
      documentId: created.documentId,
      role: "reader",
      mode: "view",
      allowedOrigins: ["https://dpi.example"],
    });
    expect(await readEmbedSession(newEmbedSecret())).toBeNull();

    const cancelled = await api(`/sessions/${created.sessionId}`, { method: "DELETE" });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: "cancelled" });
    expect(await readEmbedSession(launched.cookieValue)).toBeNull();
    expect((await api(`/sessions/${created.sessionId}`, { method: "DELETE" })).status).toBe(200);
  });

  it("reopens an existing document of the client for another user with the mode's role", async () => {
    const first = await createSession();
    const second = await createSession({
      user: { rpps: "10202020202", name: "Bruno Durand" },
      document: { documentId: first.documentId },
      mode: "view",
    });
    expect(second.documentId).toBe(first.documentId);
    const [bruno] = await (await db()).select().from(users).where(eq(users.rpps, "10202020202"));
    const [member] = await (
      await db()
    )
      .select()
      .from(documentMembers)
      .where(and(eq(documentMembers.documentId, first.documentId), eq(documentMembers.userId, bruno?.id ?? "")));
    expect(member?.role).toBe("reader");
    const accessed = await (await db()).select().from(auditLog).where(eq(auditLog.action, "embed.document_accessed"));
    expect(accessed.some((row) => row.targetId === first.documentId)).toBe(true);
  });

  it("answers 404 for another client's session, document and export (and for a portal document id)", async () => {
    const created = await createSession();
    expect((await api(`/sessions/${created.sessionId}`, { token: tokenB })).status).toBe(404);
    expect((await api(`/sessions/${created.sessionId}`, { method: "DELETE", token: tokenB })).status).toBe(404);
    expect((await api(`/documents/${created.documentId}?format=native`, { token: tokenB })).status).toBe(404);
    const reuse = await postJson("/sessions", sessionRequest({ document: { documentId: created.documentId } }), tokenB);
    expect(reuse.status).toBe(404);
    expect((await api(`/sessions/${randomUUID()}`)).status).toBe(404);
    expect((await api("/sessions/not-a-uuid")).status).toBe(400);
    const listB = (await (await api("/sessions", { token: tokenB })).json()) as { sessions: unknown[] };
    expect(listB.sessions).toHaveLength(0);
  });

  it("lists the client's sessions by reference and status, page by page", async () => {
    const reference = `sejour-list-${randomUUID()}`;
    const made = [];
    for (let index = 0; index < 3; index += 1) made.push(await createSession({ reference }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?reference=${reference}&limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = (await (await api(`/sessions${query}`)).json()) as {
        sessions: Array<{ sessionId: string }>;
        nextCursor: string | null;
      };
      seen.push(...page.sessions.map((session) => session.sessionId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(made.map((session) => session.sessionId).sort());
    const [expiring] = made;
    await (
      await db()
    )
      .update(embedSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(embedSessions.id, expiring?.sessionId ?? ""));
    const active = (await (await api(`/sessions?reference=${reference}&status=active`)).json()) as {
      sessions: unknown[];
    };
    expect(active.sessions).toHaveLength(2);
    const expired = (await (await api(`/sessions?reference=${reference}&status=expired`)).json()) as {
      sessions: Array<{ sessionId: string; status: string }>;
    };
    expect(expired.sessions).toEqual([expect.objectContaining({ sessionId: expiring?.sessionId, status: "expired" })]);
    expect((await api(`/sessions?status=finished`)).status).toBe(400);
    expect((await api(`/sessions?limit=1000`)).status).toBe(400);
    expect((await api(`/sessions?cursor=!!`)).status).toBe(400);
  });
});

describe("exports", () => {
  it("streams the native JSON, a DOCX and a PDF/A whose text poppler reads back, each audited", async () => {
    const created = await createSession();
    const native = await api(`/documents/${created.documentId}?format=native`);
    expect(native.status).toBe(200);
    const json = (await native.json()) as { type: string; content: unknown };
    expect(json.type).toBe("portal.document");
    expect(textOf(json.content)).toContain("Mme Dupont <script>");

    const docx = await api(`/documents/${created.documentId}?format=docx`);
    expect(docx.headers.get("content-type")).toContain("wordprocessingml");
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");

    const pdfa = await api(`/documents/${created.documentId}?format=pdfa`);
    expect(pdfa.status).toBe(200);
    expect(pdfa.headers.get("content-disposition")).toMatch(/\.pdf"/);
    const pdf = Buffer.from(await pdfa.arrayBuffer());
    expect(await pdfToText(pdf)).toContain("Mme Dupont <script>alert(1)</script>");
    expect(await pdfMetadata(pdf)).toMatch(/PDF\/A|pdfaid|2B/i);

    expect((await api(`/documents/${created.documentId}?format=exe`)).status).toBe(400);
    expect((await api(`/documents/${created.documentId}`)).status).toBe(400);
    const exported = await (await db()).select().from(auditLog).where(eq(auditLog.action, "embed.document_exported"));
    expect(exported.filter((row) => row.targetId === created.documentId).map((row) => row.details.format)).toEqual([
      "native",
      "docx",
      "pdfa",
    ]);
  }, 120_000);
});

describe("upload", () => {
  function multipart(session: unknown, file: Buffer | null, fileName = "Compte rendu.docx"): FormData {
    const form = new FormData();
    form.set("session", JSON.stringify(session));
    if (file) form.set("file", new Blob([new Uint8Array(file)]), fileName);
    return form;
  }

  it("imports an uploaded DOCX into a new document of the client", async () => {
    const response = await api("/sessions", {
      method: "POST",
      body: multipart(sessionRequest({ document: { upload: {} } }), await richWordDocument()),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const created = (await response.json()) as { documentId: string };
    expect(textOf(await readDocumentJson(created.documentId)).length).toBeGreaterThan(10);
    expect((await api(`/documents/${created.documentId}?format=native`)).status).toBe(200);
  }, 60_000);

  it("refuses an oversize upload with 413, a missing file, a non-office file and stray parts", async () => {
    const big = Buffer.alloc(IMPORT_MAX_BYTES + 1024, 1);
    const tooLarge = await api("/sessions", {
      method: "POST",
      body: multipart(sessionRequest({ document: { upload: {} } }), big),
    });
    expect(tooLarge.status).toBe(413);
    const missing = await api("/sessions", {
      method: "POST",
      body: multipart(sessionRequest({ document: { upload: {} } }), null),
    });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(await missing.json())).toMatch(/part `file`/);
    const notOffice = await api("/sessions", {
      method: "POST",
      body: multipart(sessionRequest({ document: { upload: {} } }), Buffer.from("MZ not a zip at all")),
    });
    expect(notOffice.status).toBe(400);
    const stray = multipart(sessionRequest(), null);
    stray.set("other", "x");
    expect((await api("/sessions", { method: "POST", body: stray })).status).toBe(400);
  }, 60_000);
});

describe("OpenAPI", () => {
  it("publishes every route, built from the schemas the routes validate with", async () => {
    const response = await api("/openapi.json", { token: null });
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, { parameters?: Array<{ name: string; schema: unknown }> }>>;
      components: {
        schemas: Record<string, unknown>;
        securitySchemes: Record<string, { flows: { clientCredentials: { tokenUrl: string } } }>;
      };
      webhooks: Record<string, unknown>;
    };
    expect(document.openapi).toBe("3.1.0");
    for (const [name, schema] of Object.entries(OPENAPI_REQUEST_SCHEMAS)) {
      expect(document.components.schemas[name]).toEqual(inputJsonSchema(schema));
    }
    const operations: Array<[string, string, keyof typeof OPENAPI_QUERY_SCHEMAS]> = [
      ["/sessions", "get", "listSessions"],
      ["/documents/{documentId}", "get", "exportDocument"],
      ["/webhooks/deliveries", "get", "listWebhookDeliveries"],
    ];
    for (const [path, method, key] of operations) {
      const expected = inputJsonSchema(OPENAPI_QUERY_SCHEMAS[key]) as {
        properties: Record<string, unknown>;
      };
      const parameters = document.paths[path]?.[method]?.parameters ?? [];
      expect(Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema]))).toEqual(
        expected.properties,
      );
    }
    expect(Object.keys(document.paths).sort()).toEqual(
      [
        "/documents/{documentId}",
        "/oauth/token",
        "/openapi.json",
        "/sessions",
        "/sessions/{sessionId}",
        "/webhooks/deliveries",
      ].sort(),
    );
    expect(Object.keys(document.paths["/sessions/{sessionId}"] ?? {})).toEqual(
      expect.arrayContaining(["get", "delete"]),
    );
    expect(document.components.securitySchemes.oauth2?.flows.clientCredentials.tokenUrl).toBe(
      "https://portail.chu.example/api/embed/v1/oauth/token",
    );
    expect(Object.keys(document.webhooks).sort()).toEqual(["document.saved", "session.closed"]);
    expect(ZCreateSessionBody).toBe(OPENAPI_REQUEST_SCHEMAS.CreateSessionRequest);
  });
});
