/**
 * Reads the audit log for administrators: newest first, filtered, one page at a time by `seq`
 * cursor (stable while new events are appended, unlike an offset). Each row carries the actor's
 * display name when the actor is a portal user; details stay as recorded (ids, never content).
 */
import "server-only";
import { and, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import { db as getDb } from "@/server/db/client";
import { auditLog, users } from "@/server/db/schema";
import type { TAuditFilters, TAuditPageQuery } from "@/server/admin/audit-query";
import type { AuditPage } from "@/components/admin/admin-types";

/** The columns of an audit row as the administration pages show them, with the actor's name. */
export const auditRowColumns = {
  seq: auditLog.seq,
  at: auditLog.at,
  action: auditLog.action,
  actorUserId: auditLog.actorUserId,
  actorName: users.displayName,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  outcome: auditLog.outcome,
  ip: auditLog.ip,
  userAgent: auditLog.userAgent,
  details: auditLog.details,
};

export function auditConditions(filters: TAuditFilters, before?: number): SQL | undefined {
  const conditions: SQL[] = [];
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.actor) conditions.push(eq(auditLog.actorUserId, filters.actor));
  if (filters.target) conditions.push(eq(auditLog.targetId, filters.target));
  if (filters.outcome) conditions.push(eq(auditLog.outcome, filters.outcome));
  if (filters.from) conditions.push(gte(auditLog.at, new Date(filters.from).toISOString()));
  if (filters.to) conditions.push(lte(auditLog.at, new Date(filters.to).toISOString()));
  if (before !== undefined) conditions.push(lt(auditLog.seq, before));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/** One page of events, newest first. */
export async function listAuditEvents(query: TAuditPageQuery): Promise<AuditPage> {
  const database = await getDb();
  const rows = await database
    .select(auditRowColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(auditConditions(query, query.before))
    .orderBy(desc(auditLog.seq))
    .limit(query.limit + 1);
  const events = rows.slice(0, query.limit).map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
  const last = events.at(-1);
  return { events, nextBefore: rows.length > query.limit && last ? last.seq : null };
}
