// GET /api/office/onlyoffice/config/{fileId}?mode=edit|view — the signed OnlyOffice editor config
// for this user and file, and the Document Server's address (for its api.js). The editor speaks
// the portal's language (its cookie, French by default).
import { parseCookie } from "cookie";
import { LOCALE_COOKIE, parseLocale } from "@/i18n/locales";
import { withSession } from "@/server/http/with-session";
import { openOnlyOfficeEditor } from "@/server/office/onlyoffice/open-onlyoffice-editor";
import { ZEditorQuery, ZFileIdParams } from "@/server/office/office-schemas";

export const dynamic = "force-dynamic";

export const GET = withSession({ query: ZEditorQuery }, async ({ user, request, params, query }) => {
  const { fileId } = ZFileIdParams.parse(params);
  const lang = parseLocale(parseCookie(request.headers.get("cookie") ?? "")[LOCALE_COOKIE]);
  const start = await openOnlyOfficeEditor(user, fileId, { mode: query.mode, lang, signal: request.signal });
  return Response.json(start, { headers: { "cache-control": "no-store" } });
});
