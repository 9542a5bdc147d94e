/**
 * Creates the document an import produced: a new document owned by the importer, its images stored
 * through the documents' image store (server/documents/images/) and its content written as the
 * document's initial collaboration state, so the first person to open it sees it (no browser ever
 * "saves" it). The document is brand new, so no collaboration session can hold it yet: writing its
 * stored state directly is safe (as for a document made from a template).
 *
 * All or nothing: if storing fails half-way, the new document is removed again (its images,
 * members and state go with it, by cascade), so a failed import leaves no half-empty document.
 */
import "server-only";
import type { JSONContent } from "@tiptap/core";
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import { eq } from "drizzle-orm";
import * as Y from "yjs";
import { db } from "@/server/db/client";
import { documents } from "@/server/documents/schema";
import { createDocument, type CreatedDocument } from "@/server/documents/create-document";
import { storeDocumentImage } from "@/server/documents/images/document-image-store";
import { writePartState } from "@/server/collab/persistence";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { conversionSchema } from "@/server/documents/convert/document-schema";
import { replaceImageSources, type ImportedImage } from "@/server/documents/convert/import-docx";
import { DOCUMENT_YJS_FIELD, documentImageSrc } from "@/components/documents/editor/document-extensions";

export async function createImportedDocument(input: {
  ownerId: string;
  title: string;
  content: JSONContent;
  images: readonly ImportedImage[];
  format: "docx" | "odt";
}): Promise<CreatedDocument> {
  const created = await createDocument({ ownerId: input.ownerId, title: input.title });
  try {
    const sources = new Map<string, string>();
    for (const image of input.images) {
      const imageId = await storeDocumentImage(created.id, input.ownerId, image.upload);
      sources.set(image.placeholderSrc, documentImageSrc(created.id, imageId));
    }
    const content = replaceImageSources(input.content, sources);
    const ydoc = prosemirrorJSONToYDoc(conversionSchema(), content, DOCUMENT_YJS_FIELD);
    const state = Y.encodeStateAsUpdate(ydoc);
    ydoc.destroy();
    await writePartState(created.id, "content", state);
  } catch (error) {
    await (await db()).delete(documents).where(eq(documents.id, created.id));
    throw error;
  }
  await recordAuditEvent({
    action: "documents.imported",
    actorUserId: input.ownerId,
    targetType: "document",
    targetId: created.id,
    details: { format: input.format, images: input.images.length },
  });
  return created;
}
