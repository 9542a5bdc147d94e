/**
 * Creates an empty document owned by `ownerId` (the owner gets a member row with role `owner`, which
 * is what authorises them everywhere). Content is added by the collaboration state
 * (server/collab/document-state.ts) — a template's content through createDocumentFromTemplate.
 */
import "server-only";
import { db } from "@/server/db/client";
import { documentMembers, documents } from "@/server/documents/schema";

export interface CreatedDocument {
  id: string;
  title: string;
}

export async function createDocument(input: {
  ownerId: string;
  title: string;
  templateId?: string;
}): Promise<CreatedDocument> {
  const database = await db();
  return database.transaction(async (tx) => {
    const [row] = await tx
      .insert(documents)
      .values({ title: input.title, ownerId: input.ownerId, templateId: input.templateId ?? null })
      .returning({ id: documents.id, title: documents.title });
    if (!row) throw new Error("document insert returned no row");
    await tx.insert(documentMembers).values({
      documentId: row.id,
      userId: input.ownerId,
      role: "owner",
      addedBy: input.ownerId,
      lastOpenedAt: new Date(),
    });
    return row;
  });
}
