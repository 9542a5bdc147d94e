/** Stores and reads the images of a document (table document_images). */
import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { documentImages, type DocumentImageType } from "@/server/documents/schema";
import type { ImageUpload } from "@/server/documents/images/read-image-upload";

export async function storeDocumentImage(documentId: string, uploadedBy: string, image: ImageUpload): Promise<string> {
  const database = await db();
  const [row] = await database
    .insert(documentImages)
    .values({
      documentId,
      uploadedBy,
      contentType: image.contentType,
      sizeBytes: image.data.length,
      sha256: image.sha256,
      data: image.data,
    })
    .returning({ id: documentImages.id });
  if (!row) throw new Error("image insert returned no row");
  return row.id;
}

export interface StoredImage {
  contentType: DocumentImageType;
  sha256: string;
  data: Uint8Array;
}

/** The image, only if it belongs to this document (an image id from another document is not found). */
export async function readDocumentImage(documentId: string, imageId: string): Promise<StoredImage | null> {
  const database = await db();
  const [row] = await database
    .select({ contentType: documentImages.contentType, sha256: documentImages.sha256, data: documentImages.data })
    .from(documentImages)
    .where(and(eq(documentImages.id, imageId), eq(documentImages.documentId, documentId)))
    .limit(1);
  return row ?? null;
}
