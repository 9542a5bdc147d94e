/**
 * Appends one event to the audit log, chained to the previous one.
 *
 * Writers in several processes are serialised by a transaction-scoped advisory lock so that the
 * chain has no forks. Events carry ids only (user id, session id, document id), never names,
 * e-mail addresses or content.
 */
import "server-only";
import { desc, sql } from "drizzle-orm";
import { z } from "zod";
import { db as getDb } from "@/server/db/client";
import { auditLog } from "@/server/db/schema";
import { AUDIT_ACTIONS } from "@/server/audit/actions";
import { chainHash, GENESIS_HASH, type AuditContent } from "@/server/audit/audit-chain";

/** Arbitrary constant naming the advisory lock that serialises audit writers. */
const AUDIT_LOCK_KEY = 4_242_002;

export const ZAuditEvent = z.object({
  action: z.enum(AUDIT_ACTIONS),
  actorUserId: z.uuid().nullish(),
  targetType: z.string().max(64).nullish(),
  targetId: z.string().max(256).nullish(),
  outcome: z.enum(["success", "failure"]).default("success"),
  ip: z.string().max(64).nullish(),
  userAgent: z.string().max(512).nullish(),
  details: z.record(z.string(), z.union([z.string().max(512), z.number(), z.boolean(), z.null()])).default({}),
});

export type TAuditEvent = z.input<typeof ZAuditEvent>;

export async function recordAuditEvent(event: TAuditEvent): Promise<{ seq: number; hash: string }> {
  const parsed = ZAuditEvent.parse(event);
  const database = await getDb();
  return database.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    const prevHash = last?.hash ?? GENESIS_HASH;
    const content: AuditContent = {
      at: new Date().toISOString(),
      action: parsed.action,
      actorUserId: parsed.actorUserId ?? null,
      targetType: parsed.targetType ?? null,
      targetId: parsed.targetId ?? null,
      outcome: parsed.outcome,
      ip: parsed.ip ?? null,
      userAgent: parsed.userAgent ?? null,
      details: parsed.details,
    };
    const hash = chainHash(prevHash, content);
    const [row] = await tx
      .insert(auditLog)
      .values({ ...content, prevHash, hash })
      .returning({ seq: auditLog.seq });
    if (!row) throw new Error("audit insert returned no row");
    return { seq: row.seq, hash };
  });
}
