// GET /api/mail/search?folder=&from=&to=&subject=&text=&since=&before=&limit= — server-side SEARCH (SearchResult).
import { withSession } from "@/server/http/with-session";
import { withMailbox } from "@/server/mail/mail-imap";
import { ZSearchQuery } from "@/server/mail/mail-input";
import { searchMessages } from "@/integrations/imap/message-search";

export const GET = withSession({ query: ZSearchQuery }, async ({ user, request, query }) => {
  const { folder, limit, ...criteria } = query;
  const result = await withMailbox(user, (client) => searchMessages(client, folder, criteria, limit), {
    signal: request.signal,
  });
  return Response.json(result, { headers: { "cache-control": "no-store" } });
});
