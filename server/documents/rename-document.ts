/** Renames a document (editors and the owner). */
import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { documents } from "@/server/documents/schema";
import { requireDocumentRole } from "@/server/documents/require-document-role";

export async function renameDocument(userId: string, documentId: string, title: string): Promise<void> {
  await requireDocumentRole(userId, documentId, "editor");
  const database = await db();
  await database.update(documents).set({ title, updatedAt: new Date() }).where(eq(documents.id, documentId));
}
