/**
 * How a file's content is presented to the browser: `Content-Disposition` (RFC 6266, with the
 * UTF-8 `filename*` of RFC 8187 and an ASCII fallback) and whether it may be shown inline.
 *
 * Inline only for types a browser renders without running anything of the file: raster images,
 * PDF and plain text. Everything else (HTML, SVG, XML, office files…) is an attachment, so a file
 * someone uploads can never run as a page of the portal's origin. Inline answers also carry a
 * sandboxing Content-Security-Policy (see send-file-content.ts).
 */

const INLINE_TYPES = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
  "image/bmp",
  "application/pdf",
  "text/plain",
]);

/** The MIME type without parameters, lower case. */
export function essence(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

export function isInlineSafe(contentType: string): boolean {
  return INLINE_TYPES.has(essence(contentType));
}

/** RFC 8187 attr-char: everything else is percent-encoded. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A quoted-string-safe ASCII approximation of the name for old clients. */
function asciiFallback(name: string): string {
  const plain = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]|["\\%]/g, "_");
  return plain.length > 0 ? plain : "download";
}

export function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  return `${kind}; filename="${asciiFallback(fileName)}"; filename*=UTF-8''${encodeRfc8187(fileName)}`;
}
