/**
 * Reads an image upload from a request as it streams in, and stops at the first bad sign: more
 * bytes than the limit (413, the connection is closed so the rest is never read) or first bytes
 * that are not an accepted image (415). Memory is bounded by the limit, which is small (a few MB,
 * DOCUMENTS_IMAGE_MAX_BYTES): the image is stored in the database in one row.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { AppError } from "@/server/errors";
import type { DocumentImageType } from "@/server/documents/schema";
import { SNIFF_BYTES, sniffImageType } from "@/server/documents/images/sniff-image-type";

export interface ImageUpload {
  contentType: DocumentImageType;
  data: Buffer;
  sha256: string;
}

export async function readImageUpload(body: Readable, maxBytes: number): Promise<ImageUpload> {
  const chunks: Buffer[] = [];
  const hash = createHash("sha256");
  let size = 0;
  let contentType: DocumentImageType | null = null;
  for await (const value of body) {
    const chunk = Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array);
    size += chunk.length;
    if (size > maxBytes) {
      throw new AppError("PAYLOAD_TOO_LARGE", { userMessage: `image too large: at most ${maxBytes} bytes` });
    }
    chunks.push(chunk);
    hash.update(chunk);
    if (contentType === null && size >= SNIFF_BYTES) {
      contentType = sniffImageType(Buffer.concat(chunks).subarray(0, SNIFF_BYTES));
      if (contentType === null) throw notAnImage();
    }
  }
  if (contentType === null) {
    contentType = sniffImageType(Buffer.concat(chunks));
    if (contentType === null) throw notAnImage();
  }
  return { contentType, data: Buffer.concat(chunks, size), sha256: hash.digest("hex") };
}

function notAnImage(): AppError {
  return new AppError("UNSUPPORTED_MEDIA_TYPE", { userMessage: "not a PNG, JPEG, GIF or WebP image" });
}
