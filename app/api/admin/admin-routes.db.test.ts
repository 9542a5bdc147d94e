// The administration API as Next calls it: only administrators get in (401 anonymous, 403 others);
// the audit log listed with filters and a seq cursor, verified, exported as CSV (formula cells
// neutralised, streamed page by page); people found by name, e-mail or RPPS; all sessions of a
// person ended and the act recorded. Bad input is a 400 naming the field.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { signInTestUser, type SignedInUser } from "@/test/support/signed-in-user";
import type { PortalUser } from "@/server/auth/portal-user";
import type { Database } from "@/server/db/client";

const session = vi.hoisted(() => ({ user: null as PortalUser | null }));
vi.mock("@/server/auth/current-user", () => ({
  getCurrentUser: () => Promise.resolve(session.user),
}));

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let database: Database;
let admin: PortalUser;
let alice: SignedInUser;
let bruno: SignedInUser;

beforeAll(async () => {
  setTestEnv();
  database = (await useTestDatabase()).db;
  const chloe = await signInTestUser("Chloé Admin");
  const { users } = await import("@/server/db/schema");
  await database.update(users).set({ isAdmin: true }).where(eq(users.id, chloe.user.id));
  admin = { ...chloe.user, isAdmin: true };
  [alice, bruno] = await Promise.all([signInTestUser("Alice Martin"), signInTestUser("Bruno 100% Durand")]);
  const { recordAuditEvent } = await import("@/server/audit/record-audit-event");
  await recordAuditEvent({ action: "auth.sign_in", actorUserId: alice.user.id, details: { provider: "idcaih" } });
  await recordAuditEvent({ action: "auth.sign_in_failed", outcome: "failure", details: { reason: "state" } });
  await recordAuditEvent({
    action: "files.deleted",
    actorUserId: alice.user.id,
    targetType: "file",
    targetId: "file-42",
    userAgent: '=HYPERLINK("https://evil.test","click")',
  });
  await recordAuditEvent({ action: "auth.sign_in", actorUserId: bruno.user.id, details: { provider: "psc" } });
}, 60_000);

async function call(
  as: PortalUser | null,
  handler: Handler,
  options: { method?: string; url: string; params?: Record<string, string>; body?: unknown },
): Promise<Response> {
  session.user = as;
  const raw = options.body === undefined ? undefined : JSON.stringify(options.body);
  return handler(
    new Request(new URL(options.url, "http://localhost:3000"), {
      method: options.method ?? "GET",
      headers: raw === undefined ? {} : { "content-type": "application/json" },
      body: raw,
    }),
    { params: Promise.resolve(options.params ?? {}) },
  );
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

type ErrorBody = { error: { code: string; message: string; issues?: Array<{ path: string }> } };
type Page = {
  events: Array<{ seq: number; action: string; actorName: string | null; targetId: string | null; at: string }>;
  nextBefore: number | null;
};

const audit = () => import("@/app/api/admin/audit/route");
const verify = () => import("@/app/api/admin/audit/verify/route");
const exportCsv = () => import("@/app/api/admin/audit/export/route");
const people = () => import("@/app/api/admin/users/route");
const userSessions = () => import("@/app/api/admin/users/[userId]/sessions/route");

describe("administration API", () => {
  it("lets only administrators in", async () => {
    const routes: Array<[Handler, { method?: string; url: string; params?: Record<string, string>; body?: unknown }]> =
      [
        [(await audit()).GET, { url: "/api/admin/audit" }],
        [(await verify()).POST, { method: "POST", url: "/api/admin/audit/verify", body: {} }],
        [(await exportCsv()).GET, { url: "/api/admin/audit/export" }],
        [(await people()).GET, { url: "/api/admin/users?q=alice" }],
        [
          (await userSessions()).DELETE,
          { method: "DELETE", url: `/api/admin/users/${bruno.user.id}/sessions`, params: { userId: bruno.user.id } },
        ],
      ];
    for (const [handler, options] of routes) {
      expect((await call(null, handler, options)).status).toBe(401);
      const refused = await call(alice.user, handler, options);
      expect(refused.status).toBe(403);
      expect((await json<ErrorBody>(refused)).error.code).toBe("FORBIDDEN");
    }
    // Bruno's session survived the refused attempt.
    expect(
      await database.query.sessions.findFirst({ where: (s, { eq: is }) => is(s.userId, bruno.user.id) }),
    ).toMatchObject({
      revokedAt: null,
    });
  });

  it("lists the log newest first, filtered, page by page", async () => {
    const { GET } = await audit();
    const all = await json<Page>(await call(admin, GET, { url: "/api/admin/audit" }));
    expect(all.events.map((event) => event.action)).toEqual([
      "auth.sign_in",
      "files.deleted",
      "auth.sign_in_failed",
      "auth.sign_in",
    ]);
    expect(all.events[1]).toMatchObject({ actorName: "Alice Martin", targetId: "file-42" });
    expect(Number.isNaN(Date.parse(all.events[0]?.at ?? ""))).toBe(false);
    expect(all.nextBefore).toBeNull();

    const first = await json<Page>(await call(admin, GET, { url: "/api/admin/audit?limit=3" }));
    expect(first.events).toHaveLength(3);
    expect(first.nextBefore).toBe(first.events[2]?.seq);
    const second = await json<Page>(
      await call(admin, GET, { url: `/api/admin/audit?limit=3&before=${String(first.nextBefore)}` }),
    );
    expect(second.events.map((event) => event.seq)).toEqual([all.events[3]?.seq]);
    expect(second.nextBefore).toBeNull();

    const signIns = await json<Page>(await call(admin, GET, { url: "/api/admin/audit?action=auth.sign_in" }));
    expect(signIns.events).toHaveLength(2);
    const byAlice = await json<Page>(await call(admin, GET, { url: `/api/admin/audit?actor=${alice.user.id}` }));
    expect(byAlice.events.map((event) => event.action)).toEqual(["files.deleted", "auth.sign_in"]);
    const failures = await json<Page>(await call(admin, GET, { url: "/api/admin/audit?outcome=failure" }));
    expect(failures.events.map((event) => event.action)).toEqual(["auth.sign_in_failed"]);
    const target = await json<Page>(await call(admin, GET, { url: "/api/admin/audit?target=file-42" }));
    expect(target.events).toHaveLength(1);
    const future = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
    const none = await json<Page>(await call(admin, GET, { url: `/api/admin/audit?from=${future}` }));
    expect(none.events).toEqual([]);
  });

  it("answers bad filters with a 400 naming the field", async () => {
    const { GET } = await audit();
    const cases: Array<[string, string]> = [
      ["action=made.up", "action"],
      ["actor=not-a-uuid", "actor"],
      ["outcome=maybe", "outcome"],
      ["limit=1000", "limit"],
      ["limit=0", "limit"],
      ["before=-4", "before"],
      ["from=yesterday", "from"],
      ["from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "from"],
      ["sql=1", ""],
    ];
    for (const [query, field] of cases) {
      const response = await call(admin, GET, { url: `/api/admin/audit?${query}` });
      expect(response.status, query).toBe(400);
      const body = await json<ErrorBody>(response);
      expect(body.error.code).toBe("BAD_REQUEST");
      if (field)
        expect(
          body.error.issues?.map((issue) => issue.path),
          query,
        ).toContain(field);
    }
  });

  it("verifies the chain and records that it did", async () => {
    const response = await call(admin, (await verify()).POST, {
      method: "POST",
      url: "/api/admin/audit/verify",
      body: {},
    });
    expect(response.status).toBe(200);
    expect(await json<{ ok: boolean; rows: number }>(response)).toMatchObject({ ok: true, rows: 4 });
    const latest = await json<Page>(await call(admin, (await audit()).GET, { url: "/api/admin/audit?limit=1" }));
    expect(latest.events[0]).toMatchObject({ action: "admin.audit_verified", actorName: "Chloé Admin" });
  });

  it("exports the filtered log as CSV with formula cells neutralised, and records the export", async () => {
    const response = await call(admin, (await exportCsv()).GET, {
      url: `/api/admin/audit/export?actor=${alice.user.id}`,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-\d{4}-\d\d-\d\d\.csv"$/);
    const lines = (await response.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("seq,at,action,outcome,actor_user_id,actor_name,target_type,target_id,ip,user_agent,details");
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(
      `files.deleted,success,${alice.user.id},Alice Martin,file,file-42,,"'=HYPERLINK(""https://evil.test"",""click"")"`,
    );
    const latest = await json<Page>(await call(admin, (await audit()).GET, { url: "/api/admin/audit?limit=1" }));
    expect(latest.events[0]?.action).toBe("admin.audit_exported");
  });

  it("streams the export page by page", async () => {
    const { auditCsvStream } = await import("@/server/admin/audit-csv");
    const text = await new Response(auditCsvStream({}, 2)).text();
    const lines = text.trimEnd().split("\r\n");
    const { events } = await json<Page>(await call(admin, (await audit()).GET, { url: "/api/admin/audit?limit=100" }));
    expect(lines).toHaveLength(events.length + 1);
    expect(lines.slice(1).map((line) => Number(line.split(",")[0]))).toEqual(events.map((event) => event.seq));
  });

  it("neutralises every formula prefix and quotes separators", async () => {
    const { csvCell } = await import("@/server/admin/audit-csv");
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+33 6")).toBe("'+33 6");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell('a,"b"\nc')).toBe('"a,""b""\nc"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(12)).toBe("12");
  });

  it("finds people by name, e-mail or RPPS, wildcards matching themselves", async () => {
    const { GET } = await people();
    type Found = { users: Array<{ id: string; displayName: string; liveSessions: number; isAdmin: boolean }> };
    const found = await json<Found>(await call(admin, GET, { url: "/api/admin/users?q=alice" }));
    expect(found.users).toEqual([
      expect.objectContaining({ id: alice.user.id, displayName: "Alice Martin", liveSessions: 1 }),
    ]);
    const percent = await json<Found>(
      await call(admin, GET, { url: `/api/admin/users?q=${encodeURIComponent("100%")}` }),
    );
    expect(percent.users.map((user) => user.id)).toEqual([bruno.user.id]);
    const everyone = await json<Found>(
      await call(admin, GET, { url: `/api/admin/users?q=${encodeURIComponent("%%")}` }),
    );
    expect(everyone.users).toEqual([]);
    for (const q of ["a", "x".repeat(101), "ab\u0000"]) {
      const response = await call(admin, GET, { url: `/api/admin/users?q=${encodeURIComponent(q)}` });
      expect(response.status, q).toBe(400);
    }
  });

  it("ends every session of a person and records who did it", async () => {
    const { DELETE } = await userSessions();
    const second = await signInTestUser("Alice Martin bis");
    const response = await call(admin, DELETE, {
      method: "DELETE",
      url: `/api/admin/users/${second.user.id}/sessions`,
      params: { userId: second.user.id },
    });
    expect(response.status).toBe(200);
    expect(await json<{ revoked: number }>(response)).toEqual({ revoked: 1 });
    const { sessions } = await import("@/server/db/schema");
    const rows = await database.select().from(sessions).where(eq(sessions.userId, second.user.id));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.revokedAt !== null)).toBe(true);
    expect(second.user.sessionId).toBe(rows[0]?.id);
    const latest = await json<Page>(await call(admin, (await audit()).GET, { url: "/api/admin/audit?limit=1" }));
    expect(latest.events[0]).toMatchObject({ action: "admin.sessions_revoked", targetId: second.user.id });

    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await call(admin, DELETE, { method: "DELETE", url: "/x", params: { userId: unknown } })).status).toBe(404);
    const bad = await call(admin, DELETE, { method: "DELETE", url: "/x", params: { userId: "../../etc" } });
    expect(bad.status).toBe(400);
    expect((await json<ErrorBody>(bad)).error.issues?.map((issue) => issue.path)).toContain("userId");
  });
});
