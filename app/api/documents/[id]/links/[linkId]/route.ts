// DELETE /api/documents/[id]/links/[linkId] – revoke a share link (owner)
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ZDocumentId } from "@/server/documents/document-schemas";
import { revokeShareLink } from "@/server/documents/sharing/links";

const ZParams = z.object({ id: ZDocumentId, linkId: z.uuid({ message: "must be a link id (UUID)" }) });

export const DELETE = withSession({}, async ({ user, params }) => {
  const { id, linkId } = ZParams.parse(params);
  await revokeShareLink(user.id, id, linkId);
  return new Response(null, { status: 204 });
});
