// POST /api/mail/drafts ComposeRequest — saves the draft in Drafts (replacing `draftUid`): DraftSaved.
// DELETE /api/mail/drafts?uid= — discards a draft: { deleted: true }.
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ZCompose, ZUid } from "@/server/mail/mail-input";
import { deleteDraft, saveDraft } from "@/server/mail/compose/send-message";

export const POST = withSession({ body: ZCompose }, async ({ user, request, body }) =>
  Response.json(await saveDraft(user, body, { signal: request.signal })),
);

export const DELETE = withSession({ query: z.object({ uid: ZUid }) }, async ({ user, query }) => {
  await deleteDraft(user, query.uid);
  return Response.json({ deleted: true });
});
