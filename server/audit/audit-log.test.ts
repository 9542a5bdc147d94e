import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain";
import { canonicalJson } from "@/server/audit/audit-chain";
import type { Database } from "@/server/db/client";

let database: Database;

beforeAll(async () => {
  setTestEnv();
  database = (await useTestDatabase()).db;
});

describe("audit log", () => {
  it("chains events and verifies the chain", async () => {
    for (let i = 0; i < 5; i += 1) {
      await recordAuditEvent({ action: "auth.sign_in", actorUserId: null, details: { provider: "idcaih", n: i } });
    }
    const verdict = await verifyAuditChain(database);
    expect(verdict).toMatchObject({ ok: true, rows: 5 });
  });

  it("keeps one chain under concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => recordAuditEvent({ action: "auth.sign_out", details: { i } })),
    );
    expect(await verifyAuditChain(database)).toMatchObject({ ok: true, rows: 25 });
  });

  it("refuses UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    // drizzle wraps the database error; the trigger's message is its cause.
    const refusal = (promise: Promise<unknown>) =>
      expect(promise.catch((error: unknown) => String((error as { cause?: Error }).cause?.message))).resolves.toMatch(
        /append-only/,
      );
    await refusal(database.execute(sql`update audit_log set action = 'x' where seq = 1`));
    await refusal(database.execute(sql`delete from audit_log where seq = 1`));
    await refusal(database.execute(sql`truncate audit_log`));
  });

  it("detects a row modified behind the trigger's back", async () => {
    await database.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await database.execute(sql`update audit_log set details = '{"provider":"psc","n":2}'::jsonb where seq = 3`);
    const verdict = await verifyAuditChain(database);
    expect(verdict).toMatchObject({ ok: false, brokenAt: 3 });
    await database.execute(sql`update audit_log set details = '{"provider":"idcaih","n":2}'::jsonb where seq = 3`);
    expect(await verifyAuditChain(database)).toMatchObject({ ok: true });
  });

  it("detects a deleted row", async () => {
    await database.execute(sql`delete from audit_log where seq = 4`);
    await database.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    expect(await verifyAuditChain(database)).toMatchObject({ ok: false, brokenAt: 5 });
  });

  it("refuses an event with an unknown action or oversized details", async () => {
    await expect(recordAuditEvent({ action: "made.up" as "auth.sign_in" })).rejects.toThrow();
    await expect(recordAuditEvent({ action: "auth.sign_in", details: { note: "x".repeat(600) } })).rejects.toThrow();
  });

  it("hashes the same content the same whatever the key order", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 0 }] } })).toBe(
      '{"a":{"c":[3,{"e":0,"f":1}],"d":2},"b":1}',
    );
  });
});
