// GET  /api/documents/[id]/links – live share links (owner; tokens are never shown again)
// POST /api/documents/[id]/links – create a share link (owner): { role } → the token, once
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ZCreateLinkBody, ZDocumentId } from "@/server/documents/document-schemas";
import { createShareLink, listShareLinks } from "@/server/documents/sharing/links";

const ZParams = z.object({ id: ZDocumentId });

export const GET = withSession({}, async ({ user, params }) => {
  const { id } = ZParams.parse(params);
  return Response.json({ links: await listShareLinks(user.id, id) }, { headers: { "cache-control": "no-store" } });
});

export const POST = withSession({ body: ZCreateLinkBody }, async ({ user, params, body }) => {
  const { id } = ZParams.parse(params);
  const link = await createShareLink(user.id, id, body.role);
  return Response.json({ link }, { status: 201, headers: { "cache-control": "no-store" } });
});
