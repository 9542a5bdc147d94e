// GET /api/mail/messages?folder=&cursor=&limit= — one page, newest first (MessagePage).
// PATCH /api/mail/messages {folder, uids, action} — flags, move, trash, archive, junk (MessagesActionResult).
import { withSession } from "@/server/http/with-session";
import { withMailbox } from "@/server/mail/mail-imap";
import { ZListQuery, ZMessagesAction } from "@/server/mail/mail-input";
import { listMessagePage } from "@/integrations/imap/message-list";
import { applyAction } from "@/integrations/imap/message-actions";

export const GET = withSession({ query: ZListQuery }, async ({ user, request, query }) => {
  const page = await withMailbox(
    user,
    (client) =>
      listMessagePage(client, query.folder, {
        limit: query.limit,
        ...(query.cursor ? { beforeUid: Number(query.cursor) } : {}),
      }),
    { signal: request.signal },
  );
  return Response.json(page, { headers: { "cache-control": "no-store" } });
});

export const PATCH = withSession({ body: ZMessagesAction }, async ({ user, body }) => {
  const result = await withMailbox(user, (client) => applyAction(client, body.folder, body.uids, body.action));
  return Response.json(result);
});
