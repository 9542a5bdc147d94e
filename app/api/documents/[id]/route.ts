// GET    /api/documents/[id] – title and the caller's role (marks the document as opened)
// PATCH  /api/documents/[id] – rename (editors)
// DELETE /api/documents/[id] – delete (owner; soft, undone by POST …/restore)
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ZDocumentId, ZRenameDocumentBody } from "@/server/documents/document-schemas";
import { getDocumentSummary } from "@/server/documents/get-document-summary";
import { renameDocument } from "@/server/documents/rename-document";
import { deleteDocument } from "@/server/documents/delete-document";

const ZParams = z.object({ id: ZDocumentId });

export const GET = withSession({}, async ({ user, params }) => {
  const { id } = ZParams.parse(params);
  const document = await getDocumentSummary(user.id, id, { markOpened: true });
  return Response.json({ document }, { headers: { "cache-control": "no-store" } });
});

export const PATCH = withSession({ body: ZRenameDocumentBody }, async ({ user, params, body }) => {
  const { id } = ZParams.parse(params);
  await renameDocument(user.id, id, body.title);
  return Response.json({ document: { id, title: body.title } });
});

export const DELETE = withSession({}, async ({ user, params }) => {
  const { id } = ZParams.parse(params);
  await deleteDocument(user.id, id);
  return new Response(null, { status: 204 });
});
