/**
 * The origins of the configured office editors (the OnlyOffice Document Server, the WOPI client),
 * which the office editor page's Content Security Policy allows to be framed, to serve scripts and
 * to receive the WOPI form: that page only, those origins only (proxy.ts).
 *
 * No `server-only` import: proxy.ts loads this file outside the React server bundle. It reads two
 * public URLs from the environment and holds no secret.
 */

export const OFFICE_PAGES_PREFIX = "/office/";

function originOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

export function officeEditorOrigins(source: Record<string, string | undefined>): string[] {
  const origins = [
    source.ONLYOFFICE_JWT_SECRET || source.ONLYOFFICE_JWT_SECRET_FILE ? originOf(source.ONLYOFFICE_URL) : null,
    originOf(source.WOPI_DISCOVERY_URL),
  ].filter((origin): origin is string => origin !== null);
  return [...new Set(origins)];
}
