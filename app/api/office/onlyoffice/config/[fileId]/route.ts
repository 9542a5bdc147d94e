// GET /api/office/onlyoffice/config/{fileId}?mode=edit|view — the signed OnlyOffice editor config
// for this user and file, and the Document Server's address (for its api.js).
import { withSession } from "@/server/http/with-session";
import { getLocale } from "@/server/i18n/get-locale";
import { openOnlyOfficeEditor } from "@/server/office/onlyoffice/open-onlyoffice-editor";
import { ZEditorQuery, ZFileIdParams } from "@/server/office/office-schemas";

export const dynamic = "force-dynamic";

export const GET = withSession({ query: ZEditorQuery }, async ({ user, request, params, query }) => {
  const { fileId } = ZFileIdParams.parse(params);
  const start = await openOnlyOfficeEditor(user, fileId, {
    mode: query.mode,
    lang: await getLocale(),
    signal: request.signal,
  });
  return Response.json(start, { headers: { "cache-control": "no-store" } });
});
