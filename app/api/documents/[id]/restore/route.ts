// POST /api/documents/[id]/restore – undo a deletion (owner)
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ZDocumentId } from "@/server/documents/document-schemas";
import { restoreDocument } from "@/server/documents/delete-document";

const ZParams = z.object({ id: ZDocumentId });

export const POST = withSession({}, async ({ user, params }) => {
  const { id } = ZParams.parse(params);
  await restoreDocument(user.id, id);
  return new Response(null, { status: 204 });
});
