// POST /api/office/new { folder, kind: document|spreadsheet|presentation, format: ooxml|odf, name }
// — a blank office file from the portal's templates, under a free name in the folder → FileEntry.
import { AppError } from "@/server/errors";
import { env } from "@/server/env";
import { withSession } from "@/server/http/with-session";
import { isOfficeConfigured } from "@/server/office/choose-editor";
import { createBlankDocument } from "@/server/office/create-blank-document";
import { ZNewDocumentBody } from "@/server/office/office-schemas";

export const POST = withSession({ body: ZNewDocumentBody }, async ({ user, request, body }) => {
  if (!isOfficeConfigured(env()))
    throw new AppError("NOT_CONFIGURED", { userMessage: "no office editor is configured" });
  const entry = await createBlankDocument(
    user,
    { folder: body.folder, kind: body.kind, format: body.format, baseName: body.name },
    request.signal,
  );
  return Response.json(entry, { status: 201 });
});
