// POST /api/documents/{id}/versions/{versionId}/restore → 204 (editor or more)
// The past content becomes the current one as a new change everyone connected sees; the content
// replaced is kept as a version, so a restore can itself be undone.
import type { z } from "zod";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { restoreVersion } from "@/server/collab/document-state";
import { isDocumentId } from "@/server/documents/access";
import { requireDocumentRole } from "@/server/documents/require-document-role";
import { AppError } from "@/server/errors";
import { withSession } from "@/server/http/with-session";

type Params = { id: string; versionId: string };

export const POST = withSession<z.ZodUndefined, z.ZodUndefined, Params>({}, async ({ user, params }) => {
  if (!isDocumentId(params.id)) throw new AppError("BAD_REQUEST", { userMessage: "id: expected a document id (UUID)" });
  if (!isDocumentId(params.versionId))
    throw new AppError("BAD_REQUEST", { userMessage: "versionId: expected a version id (UUID)" });
  await requireDocumentRole(user.id, params.id, "editor");
  if (!(await restoreVersion(params.id, params.versionId, user.id)))
    throw new AppError("NOT_FOUND", { userMessage: "version not found" });
  await recordAuditEvent({
    action: "documents.version_restored",
    actorUserId: user.id,
    targetType: "document",
    targetId: params.id,
    details: { versionId: params.versionId },
  });
  return new Response(null, { status: 204 });
});
