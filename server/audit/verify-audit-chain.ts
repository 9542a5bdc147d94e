/**
 * Walks the whole audit log in order and recomputes every hash. Reports the first row whose
 * content, link or sequence does not match: an edit, a deletion or an insertion in the middle.
 */
import "server-only";
import { asc, gt } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { auditLog } from "@/server/db/schema";
import { chainHash, GENESIS_HASH } from "@/server/audit/audit-chain";

export type ChainVerdict =
  { ok: true; rows: number; lastHash: string } | { ok: false; rows: number; brokenAt: number; reason: string };

const PAGE = 1000;

export async function verifyAuditChain(database: Database): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let rows = 0;
  for (;;) {
    const page = await database
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, lastSeq))
      .orderBy(asc(auditLog.seq))
      .limit(PAGE);
    for (const row of page) {
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          rows,
          brokenAt: row.seq,
          reason: "previous-hash link does not match (a row was removed or inserted)",
        };
      }
      const expected = chainHash(prevHash, {
        at: row.at,
        action: row.action,
        actorUserId: row.actorUserId,
        targetType: row.targetType,
        targetId: row.targetId,
        outcome: row.outcome,
        ip: row.ip,
        userAgent: row.userAgent,
        details: row.details,
      });
      if (expected !== row.hash) {
        return { ok: false, rows, brokenAt: row.seq, reason: "content does not match its hash (the row was modified)" };
      }
      prevHash = row.hash;
      lastSeq = row.seq;
      rows += 1;
    }
    if (page.length < PAGE) return { ok: true, rows, lastHash: prevHash };
  }
}
