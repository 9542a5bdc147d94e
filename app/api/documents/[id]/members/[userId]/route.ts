// PATCH  /api/documents/[id]/members/[userId] – change a person's role (owner): { role }
// DELETE /api/documents/[id]/members/[userId] – remove a person's access (owner)
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ZChangeMemberBody, ZDocumentId } from "@/server/documents/document-schemas";
import { shareWithUser, unshareWithUser } from "@/server/documents/sharing/members";

const ZParams = z.object({ id: ZDocumentId, userId: z.uuid({ message: "must be a user id (UUID)" }) });

export const PATCH = withSession({ body: ZChangeMemberBody }, async ({ user, params, body }) => {
  const { id, userId } = ZParams.parse(params);
  await shareWithUser(user.id, id, userId, body.role);
  return Response.json({ member: { userId, role: body.role } });
});

export const DELETE = withSession({}, async ({ user, params }) => {
  const { id, userId } = ZParams.parse(params);
  await unshareWithUser(user.id, id, userId);
  return new Response(null, { status: 204 });
});
