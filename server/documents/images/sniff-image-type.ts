/**
 * The type of an image from its first bytes (magic numbers), never from the name or the
 * Content-Type the browser sent: a file called photo.png that is really HTML or SVG must not be
 * stored (and then served) as an image. Only PNG, JPEG, GIF and WebP are recognised; SVG is refused
 * on purpose (it can carry script).
 */
import type { DocumentImageType } from "@/server/documents/schema";

/** Bytes needed to recognise every accepted type. */
export const SNIFF_BYTES = 12;

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

export function sniffImageType(head: Uint8Array): DocumentImageType | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38, 0x37, 0x61]) || startsWith(head, [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]))
    return "image/gif";
  // RIFF....WEBP
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}
