/**
 * The document list: the user's own documents, those shared with them, and the ones they opened
 * recently (any role). Deleted documents never appear. Bounded: a list is a page, not an export.
 */
import "server-only";
import { and, desc, eq, isNotNull, isNull, ne } from "drizzle-orm";
import { db } from "@/server/db/client";
import { users } from "@/server/db/schema";
import { documentMembers, documents, type DocumentRole } from "@/server/documents/schema";
import type { DocumentListTab } from "@/server/documents/document-schemas";

export const DOCUMENT_LIST_LIMIT = 200;

export interface DocumentListItem {
  id: string;
  title: string;
  role: DocumentRole;
  ownerName: string;
  updatedAt: string;
  lastOpenedAt: string | null;
}

export async function listDocuments(
  userId: string,
  tab: DocumentListTab,
  limit = DOCUMENT_LIST_LIMIT,
): Promise<DocumentListItem[]> {
  const database = await db();
  const byTab = {
    mine: eq(documentMembers.role, "owner"),
    shared: ne(documentMembers.role, "owner"),
    recent: isNotNull(documentMembers.lastOpenedAt),
  } as const;
  const rows = await database
    .select({
      id: documents.id,
      title: documents.title,
      role: documentMembers.role,
      ownerName: users.displayName,
      updatedAt: documents.updatedAt,
      lastOpenedAt: documentMembers.lastOpenedAt,
    })
    .from(documentMembers)
    .innerJoin(documents, eq(documents.id, documentMembers.documentId))
    .innerJoin(users, eq(users.id, documents.ownerId))
    .where(and(eq(documentMembers.userId, userId), isNull(documents.deletedAt), byTab[tab]))
    .orderBy(tab === "recent" ? desc(documentMembers.lastOpenedAt) : desc(documents.updatedAt))
    .limit(limit);
  return rows.map((row) => ({
    ...row,
    updatedAt: row.updatedAt.toISOString(),
    lastOpenedAt: row.lastOpenedAt?.toISOString() ?? null,
  }));
}
