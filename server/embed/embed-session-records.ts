/**
 * A client's sessions as the API shows them: one, a filtered page, and cancellation. Every query
 * is scoped by the calling client's id, so a session of client A read, listed or cancelled by
 * client B is "not found" — the same answer as a session that does not exist.
 */
import "server-only";
import { and, desc, eq, gt, lte, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@/server/db/client";
import { users } from "@/server/db/schema";
import { embedSessions } from "@/server/embed/schema";
import type { SESSION_VIEW_STATUSES, ZSessionView } from "@/server/embed/api/schemas";
import { decodeCursor, encodeCursor } from "@/server/embed/api/page-cursor";
import { disconnectUser } from "@/server/collab/disconnect-user";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { AppError } from "@/server/errors";
import type { RequestMeta } from "@/server/embed/embed-session";

type SessionView = z.output<typeof ZSessionView>;

const columns = { session: embedSessions, userName: users.displayName };

function toView(row: { session: typeof embedSessions.$inferSelect; userName: string }): SessionView {
  const { session } = row;
  return {
    sessionId: session.id,
    documentId: session.documentId,
    reference: session.reference,
    mode: session.mode,
    status: session.status === "active" && session.expiresAt.getTime() <= Date.now() ? "expired" : session.status,
    editor: session.editor,
    locale: session.locale === "en" ? "en" : "fr",
    user: { id: session.userId, name: row.userName },
    createdAt: session.createdAt.toISOString(),
    launchedAt: session.launchedAt?.toISOString() ?? null,
    expiresAt: session.expiresAt.toISOString(),
    closedAt: session.closedAt?.toISOString() ?? null,
  };
}

export async function getClientSession(clientId: string, sessionId: string): Promise<SessionView> {
  const [row] = await (
    await db()
  )
    .select(columns)
    .from(embedSessions)
    .innerJoin(users, eq(users.id, embedSessions.userId))
    .where(and(eq(embedSessions.id, sessionId), eq(embedSessions.clientId, clientId)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "no such session" });
  return toView(row);
}

export async function listClientSessions(
  clientId: string,
  filter: { reference?: string; status?: (typeof SESSION_VIEW_STATUSES)[number]; limit: number; cursor?: string },
): Promise<{ sessions: SessionView[]; nextCursor: string | null }> {
  const conditions: SQL[] = [eq(embedSessions.clientId, clientId)];
  if (filter.reference !== undefined) conditions.push(eq(embedSessions.reference, filter.reference));
  if (filter.status === "active" || filter.status === "expired") {
    conditions.push(eq(embedSessions.status, "active"));
    conditions.push(
      filter.status === "active" ? gt(embedSessions.expiresAt, sql`now()`) : lte(embedSessions.expiresAt, sql`now()`),
    );
  } else if (filter.status !== undefined) {
    conditions.push(eq(embedSessions.status, filter.status));
  }
  if (filter.cursor !== undefined) {
    const key = decodeCursor(filter.cursor);
    conditions.push(
      sql`(${embedSessions.createdAt}, ${embedSessions.id}) < (${key.createdAt.toISOString()}::timestamptz, ${key.id}::uuid)`,
    );
  }
  const rows = await (
    await db()
  )
    .select(columns)
    .from(embedSessions)
    .innerJoin(users, eq(users.id, embedSessions.userId))
    .where(and(...conditions))
    .orderBy(desc(embedSessions.createdAt), desc(embedSessions.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return {
    sessions: page.map(toView),
    nextCursor:
      rows.length > filter.limit && last
        ? encodeCursor({ createdAt: last.session.createdAt, id: last.session.id })
        : null,
  };
}

/**
 * Cancels an active session: its launch URL and cookie stop working at once and the user's live
 * connections to the document close (in every process). Cancelling a session that already ended
 * changes nothing (DELETE is idempotent) and answers its current state.
 */
export async function cancelClientSession(
  clientId: string,
  sessionId: string,
  meta: RequestMeta = {},
): Promise<SessionView> {
  const [cancelled] = await (
    await db()
  )
    .update(embedSessions)
    .set({ status: "cancelled", closedAt: new Date() })
    .where(
      and(eq(embedSessions.id, sessionId), eq(embedSessions.clientId, clientId), eq(embedSessions.status, "active")),
    )
    .returning();
  if (cancelled) {
    await disconnectUser(cancelled.documentId, cancelled.userId);
    await recordAuditEvent({
      action: "embed.session_cancelled",
      actorUserId: cancelled.userId,
      targetType: "document",
      targetId: cancelled.documentId,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { clientId, sessionId },
    });
  }
  return getClientSession(clientId, sessionId);
}
