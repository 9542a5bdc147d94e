// GET /api/documents/{id}/versions/{versionId} → { content } (tiptap JSON of that version; reader or more)
import type { z } from "zod";
import { readVersionJson } from "@/server/collab/document-state";
import { isDocumentId } from "@/server/documents/access";
import { requireDocumentRole } from "@/server/documents/require-document-role";
import { AppError } from "@/server/errors";
import { withSession } from "@/server/http/with-session";

type Params = { id: string; versionId: string };

export const GET = withSession<z.ZodUndefined, z.ZodUndefined, Params>({}, async ({ user, params }) => {
  if (!isDocumentId(params.id)) throw new AppError("BAD_REQUEST", { userMessage: "id: expected a document id (UUID)" });
  if (!isDocumentId(params.versionId))
    throw new AppError("BAD_REQUEST", { userMessage: "versionId: expected a version id (UUID)" });
  await requireDocumentRole(user.id, params.id, "reader");
  const content = await readVersionJson(params.id, params.versionId);
  if (!content) throw new AppError("NOT_FOUND", { userMessage: "version not found" });
  return Response.json({ content }, { headers: { "cache-control": "no-store" } });
});
