// GET /api/mail/message?folder=&uid=&images=allow — one message for the reading view (MessageDetail):
// sanitised HTML (remote images blocked unless images=allow), text, attachments, conversation.
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { withMailbox } from "@/server/mail/mail-imap";
import { ZFolder, ZUid } from "@/server/mail/mail-input";
import { loadMessageDetail } from "@/server/mail/message-detail";

const ZQuery = z.object({ folder: ZFolder, uid: ZUid, images: z.enum(["allow", "block"]).default("block") });

export const GET = withSession({ query: ZQuery }, async ({ user, request, query }) => {
  const detail = await withMailbox(
    user,
    (client) => loadMessageDetail(client, query.folder, query.uid, { allowRemoteImages: query.images === "allow" }),
    { signal: request.signal },
  );
  return Response.json(detail, { headers: { "cache-control": "no-store" } });
});
