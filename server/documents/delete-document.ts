/**
 * Deleting a document is soft: it disappears for everyone at once (access.ts grants nothing on a
 * deleted document) and its owner can undo. Only the owner deletes or restores; both are audited.
 */
import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import { db } from "@/server/db/client";
import { documents } from "@/server/documents/schema";
import { requireDocumentRole } from "@/server/documents/require-document-role";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { AppError } from "@/server/errors";
import { disconnectEveryone } from "@/server/collab/disconnect-user";

export async function deleteDocument(userId: string, documentId: string): Promise<void> {
  await requireDocumentRole(userId, documentId, "owner");
  const database = await db();
  await database.update(documents).set({ deletedAt: new Date() }).where(eq(documents.id, documentId));
  await recordAuditEvent({
    action: "documents.deleted",
    actorUserId: userId,
    targetType: "document",
    targetId: documentId,
  });
  await disconnectEveryone(documentId);
}

/** Undoes a deletion. Someone who is not the owner learns nothing (404), as for any document. */
export async function restoreDocument(userId: string, documentId: string): Promise<void> {
  const database = await db();
  const restored = await database
    .update(documents)
    .set({ deletedAt: null })
    .where(and(eq(documents.id, documentId), eq(documents.ownerId, userId), isNotNull(documents.deletedAt)))
    .returning({ id: documents.id });
  if (restored.length === 0)
    throw new AppError("NOT_FOUND", { userMessage: "no deleted document of yours with this id" });
  await recordAuditEvent({
    action: "documents.restored",
    actorUserId: userId,
    targetType: "document",
    targetId: documentId,
  });
}
