// GET /api/documents/{id}/versions → { versions: [{ id, kind, name, sizeBytes, createdAt, createdBy }] } (reader or more)
// POST /api/documents/{id}/versions { name } → 201 { version } (editor or more): the current content as a named version.
import { z } from "zod";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { createNamedVersion, listVersions } from "@/server/collab/document-state";
import { isDocumentId } from "@/server/documents/access";
import { requireDocumentRole } from "@/server/documents/require-document-role";
import { AppError } from "@/server/errors";
import { withSession } from "@/server/http/with-session";

type Params = { id: string };

function documentIdFrom(params: Params): string {
  if (!isDocumentId(params.id)) throw new AppError("BAD_REQUEST", { userMessage: "id: expected a document id (UUID)" });
  return params.id;
}

export const GET = withSession<z.ZodUndefined, z.ZodUndefined, Params>({}, async ({ user, params }) => {
  const documentId = documentIdFrom(params);
  await requireDocumentRole(user.id, documentId, "reader");
  return Response.json({ versions: await listVersions(documentId) }, { headers: { "cache-control": "no-store" } });
});

const ZBody = z.strictObject({ name: z.string().trim().min(1, "name: must not be empty").max(120) });

export const POST = withSession<z.ZodUndefined, typeof ZBody, Params>(
  { body: ZBody },
  async ({ user, params, body }) => {
    const documentId = documentIdFrom(params);
    await requireDocumentRole(user.id, documentId, "editor");
    const version = await createNamedVersion(documentId, body.name, user.id);
    await recordAuditEvent({
      action: "documents.version_created",
      actorUserId: user.id,
      targetType: "document",
      targetId: documentId,
      details: { versionId: version.id },
    });
    return Response.json({ version }, { status: 201, headers: { "cache-control": "no-store" } });
  },
);
