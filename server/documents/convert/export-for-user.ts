/**
 * "Download this document as …" for one user: checks they may read it (reader or more; someone
 * without access gets 404, as for a document that does not exist), reads its current content,
 * writes the file and records `documents.exported` in the audit log (ids and format only).
 *
 * Content comes from the collaboration state (server/collab/document-state.ts: the live document
 * when this process holds it, else the stored state). Images are read from the document's own
 * image store; an image of another document is not loaded (the store answers only for this one).
 */
import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { portalUrl } from "@/server/env";
import { documents } from "@/server/documents/schema";
import { requireDocumentRole } from "@/server/documents/require-document-role";
import { readDocumentImage } from "@/server/documents/images/document-image-store";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { AppError } from "@/server/errors";
import { readDocumentJson } from "@/server/collab/document-state";
import { exportDocument, type ExportedFile, type ExportFormat } from "@/server/documents/convert/export-document";
import type { ImageLoader } from "@/server/documents/convert/export-docx";
import { isPortalImageSrc } from "@/components/documents/editor/document-extensions";

export interface ExportForUser extends ExportedFile {
  fileName: string;
}

/** Loads a document's own images only (an image of another document is never embedded in an export). */
export function documentImageLoader(documentId: string): ImageLoader {
  return async (src) => {
    if (!isPortalImageSrc(src)) return null;
    const [, , , imageDocumentId, imageId] = src.split("/");
    if (imageDocumentId !== documentId || !imageId) return null;
    const image = await readDocumentImage(documentId, imageId);
    return image ? { data: image.data, contentType: image.contentType } : null;
  };
}

export async function exportForUser(input: {
  userId: string;
  documentId: string;
  format: ExportFormat;
}): Promise<ExportForUser> {
  await requireDocumentRole(input.userId, input.documentId, "reader");
  const [row] = await (
    await db()
  )
    .select({ title: documents.title })
    .from(documents)
    .where(eq(documents.id, input.documentId))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "document not found" });
  const file = await exportDocument({
    content: await readDocumentJson(input.documentId),
    format: input.format,
    title: row.title,
    loadImage: documentImageLoader(input.documentId),
    origin: portalUrl(),
  });
  try {
    await recordAuditEvent({
      action: "documents.exported",
      actorUserId: input.userId,
      targetType: "document",
      targetId: input.documentId,
      details: { format: input.format },
    });
  } catch (error) {
    await file.dispose();
    throw error;
  }
  return { ...file, fileName: `${row.title}.${input.format}` };
}
