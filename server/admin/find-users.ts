/**
 * Finds portal users for an administrator (e.g. to end the sessions of a lost or stolen device's
 * owner): by name, e-mail or RPPS number, with how many live sessions each has and when they were
 * last active. LIKE wildcards typed by the administrator match themselves.
 */
import "server-only";
import { and, asc, eq, gt, ilike, isNull, or, sql } from "drizzle-orm";
import { db as getDb } from "@/server/db/client";
import { sessions, users } from "@/server/db/schema";
import { escapeLikePattern } from "@/server/documents/sharing/search-people";
import type { AdminUser } from "@/components/admin/admin-types";

export const ADMIN_USER_SEARCH_LIMIT = 20;

export async function findUsers(query: string): Promise<AdminUser[]> {
  const pattern = `%${escapeLikePattern(query)}%`;
  const database = await getDb();
  const live = database
    .select({
      userId: sessions.userId,
      count: sql<number>`count(*)::int`.as("live_count"),
      lastSeenAt: sql<Date | string>`max(${sessions.lastSeenAt})`.as("live_last_seen"),
    })
    .from(sessions)
    .where(and(isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .groupBy(sessions.userId)
    .as("live");
  const rows = await database
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      rpps: users.rpps,
      profession: users.profession,
      isAdmin: users.isAdmin,
      liveSessions: live.count,
      lastSeenAt: live.lastSeenAt,
    })
    .from(users)
    .leftJoin(live, eq(live.userId, users.id))
    .where(or(ilike(users.displayName, pattern), ilike(users.email, pattern), ilike(users.rpps, pattern)))
    .orderBy(asc(users.displayName))
    .limit(ADMIN_USER_SEARCH_LIMIT);
  return rows.map((row) => ({
    ...row,
    liveSessions: row.liveSessions ?? 0,
    lastSeenAt: row.lastSeenAt === null ? null : new Date(row.lastSeenAt).toISOString(),
  }));
}
