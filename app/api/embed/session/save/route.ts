// POST /api/embed/session/save { label? } → { versionId, savedAt }
// The vendor's "save" command (postMessage), relayed by the iframe: a named version of the
// session's document and a `document.saved` webhook (server/embed/ui-bridge/save-embed-document.ts).
// 403 in view mode; 401 once the session is closed.
import { z } from "zod";
import { requestMeta } from "@/server/auth/request-meta";
import { saveEmbedDocument } from "@/server/embed/ui-bridge/save-embed-document";
import { withEmbedSession } from "@/server/embed/ui-bridge/with-embed-session";
import { getTranslations } from "@/server/i18n/get-translations";

const ZBody = z.strictObject({
  /** The version's name as the vendor gives it (plain text); a dated default otherwise. */
  label: z.string().trim().min(1).max(120).optional(),
});

export const POST = withEmbedSession({ body: ZBody }, async ({ session, body }) => {
  const t = await getTranslations("embed", session.locale);
  const saved = await saveEmbedDocument(session, body.label ?? t("versionName.saved"), await requestMeta());
  return Response.json(saved, { headers: { "cache-control": "no-store" } });
});
