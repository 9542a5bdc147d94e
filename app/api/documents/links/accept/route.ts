// POST /api/documents/links/accept – open a share link as the signed-in user: { token } → { documentId, role }
import { withSession } from "@/server/http/with-session";
import { ZAcceptLinkBody } from "@/server/documents/document-schemas";
import { acceptShareLink } from "@/server/documents/sharing/links";

export const POST = withSession({ body: ZAcceptLinkBody }, async ({ user, body }) =>
  Response.json(await acceptShareLink(user.id, body.token)),
);
