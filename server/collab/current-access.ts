/**
 * What a collaboration token's holder may do NOW, read from the database: their role on the
 * document (member row, or the share link the token names) and whether the portal session the
 * token came from is still open. Checked when a connection authenticates and again each time its
 * token expires on an open connection (token-lifetime-extension.ts), so a token lives a few
 * minutes but a removed share or a signed-out session stops counting at the next of those checks.
 *
 * The session rules are those of server/auth/sessions.ts (not revoked, within its absolute
 * lifetime, not idle longer than SESSION_IDLE_TIMEOUT); token refreshes go through the portal,
 * which counts as activity there.
 */
import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { db } from "@/server/db/client";
import { sessions } from "@/server/db/schema";
import { env } from "@/server/env";
import { getDocumentRole, getLinkRoleById, higherRole } from "@/server/documents/access";
import type { DocumentRole } from "@/server/documents/schema";

export interface AccessQuery {
  userId: string;
  documentId: string;
  linkId: string | null;
  sessionId: string | null;
}

export interface CurrentAccess {
  /** The holder's role now (null: none). */
  role: DocumentRole | null;
  /** False when the token's portal session has ended (tokens without a session: always true). */
  sessionActive: boolean;
}

export type CurrentAccessReader = (query: AccessQuery) => Promise<CurrentAccess>;

/** True while the session row is open: not revoked, not past its lifetime, not idle too long. */
export async function isSessionActive(sessionId: string, now: number = Date.now()): Promise<boolean> {
  const idleSince = new Date(now - env().SESSION_IDLE_TIMEOUT * 1000);
  const [row] = await (
    await db()
  )
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(
        eq(sessions.id, sessionId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, new Date(now)),
        gt(sessions.lastSeenAt, idleSince),
      ),
    )
    .limit(1);
  return row !== undefined;
}

export const currentAccessFromDatabase: CurrentAccessReader = async ({ userId, documentId, linkId, sessionId }) => {
  const [own, link, sessionActive] = await Promise.all([
    getDocumentRole(userId, documentId),
    linkId ? getLinkRoleById(linkId, documentId) : Promise.resolve(null),
    sessionId ? isSessionActive(sessionId) : Promise.resolve(true),
  ]);
  return { role: higherRole(own, link), sessionActive };
};
