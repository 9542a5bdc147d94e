/**
 * Revokes a session only if it belongs to the given user (owner-scoped: a guessed id of someone
 * else's session does nothing).
 */
import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/server/db/client";
import { sessions } from "@/server/db/schema";

export async function revokeOwnSession(userId: string, sessionId: string): Promise<boolean> {
  const revoked = await (
    await db()
  )
    .update(sessions)
    .set({ revokedAt: new Date(), revokedReason: "revoked_by_user", accessTokenEnc: null, refreshTokenEnc: null })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return revoked.length > 0;
}
