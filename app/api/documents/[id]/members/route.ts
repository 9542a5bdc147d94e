// GET  /api/documents/[id]/members – who has access, with their role
// POST /api/documents/[id]/members – share with a person (owner): { userId, role }
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ZDocumentId, ZShareWithUserBody } from "@/server/documents/document-schemas";
import { listMembers, shareWithUser } from "@/server/documents/sharing/members";

const ZParams = z.object({ id: ZDocumentId });

export const GET = withSession({}, async ({ user, params }) => {
  const { id } = ZParams.parse(params);
  return Response.json({ members: await listMembers(user.id, id) }, { headers: { "cache-control": "no-store" } });
});

export const POST = withSession({ body: ZShareWithUserBody }, async ({ user, params, body }) => {
  const { id } = ZParams.parse(params);
  await shareWithUser(user.id, id, body.userId, body.role);
  return Response.json({ members: await listMembers(user.id, id) }, { status: 201 });
});
