/**
 * One document's title and the caller's role, for the editor page and GET /api/documents/[id].
 * Also records that the user opened it ("recent").
 */
import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { users } from "@/server/db/schema";
import { documentMembers, documents, type DocumentRole } from "@/server/documents/schema";
import { requireDocumentRole } from "@/server/documents/require-document-role";
import { AppError } from "@/server/errors";

export interface DocumentSummary {
  id: string;
  title: string;
  role: DocumentRole;
  ownerName: string;
  updatedAt: string;
}

export async function getDocumentSummary(
  userId: string,
  documentId: string,
  options: { markOpened?: boolean } = {},
): Promise<DocumentSummary> {
  const role = await requireDocumentRole(userId, documentId, "reader");
  const database = await db();
  const [row] = await database
    .select({ id: documents.id, title: documents.title, ownerName: users.displayName, updatedAt: documents.updatedAt })
    .from(documents)
    .innerJoin(users, eq(users.id, documents.ownerId))
    .where(eq(documents.id, documentId))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "document not found" });
  if (options.markOpened) {
    await database
      .update(documentMembers)
      .set({ lastOpenedAt: new Date() })
      .where(and(eq(documentMembers.documentId, documentId), eq(documentMembers.userId, userId)));
  }
  return { ...row, role, updatedAt: row.updatedAt.toISOString() };
}
