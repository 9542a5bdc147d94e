/**
 * `Content-Disposition: attachment` for a download name (RFC 6266): an ASCII fallback `filename`
 * for old clients and the exact UTF-8 name in `filename*` (RFC 8187), so "Compte rendu – été.pdf"
 * keeps its accents and dashes. Quotes, backslashes, control characters and path separators never
 * reach the header.
 */
export function attachmentDisposition(fileName: string): string {
  const safe = fileName.replace(/[\u0000-\u001f\u007f"\\/]/g, "_");
  const ascii = safe
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_");
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
