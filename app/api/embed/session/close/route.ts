// POST /api/embed/session/close {} → { saved: { versionId, savedAt } | null, closed: true } and the cookie cleared
// The vendor's "close" command (or the iframe's own close button): in edit mode the content is
// saved first (a named version + `document.saved`), then the session ends (`session.closed`
// webhook), its cookie stops opening anything, and the iframe's collaboration connections to the
// document are closed in every process (server/collab/disconnect-user.ts).
import { z } from "zod";
import { disconnectUser } from "@/server/collab/disconnect-user";
import { requestMeta } from "@/server/auth/request-meta";
import { clearedEmbedCookie, recordEmbedEvent } from "@/server/embed/embed-session";
import { saveEmbedDocument } from "@/server/embed/ui-bridge/save-embed-document";
import { withEmbedSession } from "@/server/embed/ui-bridge/with-embed-session";
import { getTranslations } from "@/server/i18n/get-translations";

const ZBody = z.strictObject({});

export const POST = withEmbedSession({ body: ZBody }, async ({ session }) => {
  const meta = await requestMeta();
  const t = await getTranslations("embed", session.locale);
  const saved = session.role === "editor" ? await saveEmbedDocument(session, t("versionName.closed"), meta) : null;
  await recordEmbedEvent(session.id, "closed", meta);
  await disconnectUser(session.documentId, session.userId);
  return Response.json(
    { saved, closed: true },
    { headers: { "cache-control": "no-store", "set-cookie": clearedEmbedCookie() } },
  );
});
