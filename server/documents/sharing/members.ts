/**
 * Sharing a document with people: list who has access, give someone a role, change it, remove it.
 * Only the owner manages sharing (editors edit, they do not hand the document on). The owner's own
 * row cannot be changed or removed here. Every change is audited (ids only).
 */
import "server-only";
import { disconnectUser } from "@/server/collab/disconnect-user";
import { and, asc, eq, ne } from "drizzle-orm";
import { db } from "@/server/db/client";
import { users } from "@/server/db/schema";
import { documentMembers, type DocumentRole } from "@/server/documents/schema";
import { requireDocumentRole } from "@/server/documents/require-document-role";
import type { ShareableRole } from "@/server/documents/document-schemas";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { AppError } from "@/server/errors";

export interface DocumentMember {
  userId: string;
  displayName: string;
  email: string | null;
  role: DocumentRole;
}

/** Everyone with a role; any member may see who else has access. */
export async function listMembers(actorId: string, documentId: string): Promise<DocumentMember[]> {
  await requireDocumentRole(actorId, documentId, "reader");
  const database = await db();
  return database
    .select({
      userId: documentMembers.userId,
      displayName: users.displayName,
      email: users.email,
      role: documentMembers.role,
    })
    .from(documentMembers)
    .innerJoin(users, eq(users.id, documentMembers.userId))
    .where(eq(documentMembers.documentId, documentId))
    .orderBy(asc(users.displayName));
}

/** Gives `userId` the role (or changes it). */
export async function shareWithUser(
  actorId: string,
  documentId: string,
  userId: string,
  role: ShareableRole,
): Promise<void> {
  await requireDocumentRole(actorId, documentId, "owner");
  if (userId === actorId) throw new AppError("BAD_REQUEST", { userMessage: "the owner already has every right" });
  const database = await db();
  const [target] = await database.select({ id: users.id }).from(users).where(eq(users.id, userId)).limit(1);
  if (!target) throw new AppError("NOT_FOUND", { userMessage: "no such person" });
  await database
    .insert(documentMembers)
    .values({ documentId, userId, role, addedBy: actorId })
    .onConflictDoUpdate({
      target: [documentMembers.documentId, documentMembers.userId],
      set: { role },
      // Never downgrade the owner through a share.
      setWhere: ne(documentMembers.role, "owner"),
    });
  await recordAuditEvent({
    action: "documents.shared",
    actorUserId: actorId,
    targetType: "document",
    targetId: documentId,
    details: { userId, role },
  });
  // A lowered role must bind open connections too: they reconnect under the new role.
  await disconnectUser(documentId, userId);
}

/** Removes someone's access (not the owner's). */
export async function unshareWithUser(actorId: string, documentId: string, userId: string): Promise<void> {
  await requireDocumentRole(actorId, documentId, "owner");
  const database = await db();
  const removed = await database
    .delete(documentMembers)
    .where(
      and(
        eq(documentMembers.documentId, documentId),
        eq(documentMembers.userId, userId),
        ne(documentMembers.role, "owner"),
      ),
    )
    .returning({ userId: documentMembers.userId });
  if (removed.length === 0) throw new AppError("NOT_FOUND", { userMessage: "this person has no access to remove" });
  await recordAuditEvent({
    action: "documents.unshared",
    actorUserId: actorId,
    targetType: "document",
    targetId: documentId,
    details: { userId },
  });
  await disconnectUser(documentId, userId);
}
