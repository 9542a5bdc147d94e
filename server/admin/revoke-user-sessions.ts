/**
 * An administrator ends every live session of a person — a workstation left signed in, a phone
 * lost, someone who left the hospital — and the audit log says who did it to whom. The person's
 * next request is signed out; their provider sign-in is untouched (ask the identity team to
 * disable the account at the provider when that is the goal).
 */
import "server-only";
import { eq } from "drizzle-orm";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { PortalUser } from "@/server/auth/portal-user";
import { revokeUserSessions } from "@/server/auth/sessions";
import { db as getDb } from "@/server/db/client";
import { users } from "@/server/db/schema";
import { AppError } from "@/server/errors";

export async function revokeSessionsAsAdmin(
  admin: PortalUser,
  targetUserId: string,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ revoked: number }> {
  const database = await getDb();
  const [target] = await database.select({ id: users.id }).from(users).where(eq(users.id, targetUserId)).limit(1);
  if (!target) throw new AppError("NOT_FOUND", { userMessage: "no such user" });
  const revoked = await revokeUserSessions(targetUserId, "admin_revoked");
  await recordAuditEvent({
    action: "admin.sessions_revoked",
    actorUserId: admin.id,
    targetType: "user",
    targetId: targetUserId,
    ...meta,
    details: { count: revoked },
  });
  return { revoked };
}
