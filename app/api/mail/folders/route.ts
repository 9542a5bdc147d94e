// GET /api/mail/folders — the user's folders with unread/total counts: { folders: MailFolder[] }.
import { withSession } from "@/server/http/with-session";
import { withMailbox } from "@/server/mail/mail-imap";
import { listFolders } from "@/integrations/imap/folders";

export const GET = withSession({}, async ({ user, request }) => {
  const folders = await withMailbox(user, (client) => listFolders(client), { signal: request.signal });
  return Response.json({ folders }, { headers: { "cache-control": "no-store" } });
});
