// POST /api/office/files/{fileId}/convert { to: "pdf" | "docx" | "xlsx" | "pptx" } — converts the
// file with the Document Server and writes the result beside it ("Save as PDF", .doc → .docx)
// → the new FileEntry.
import { withSession } from "@/server/http/with-session";
import { convertFileBeside } from "@/server/office/onlyoffice/convert-file";
import { ZConvertBody, ZFileIdParams } from "@/server/office/office-schemas";

export const POST = withSession({ body: ZConvertBody }, async ({ user, request, params, body }) => {
  const { fileId } = ZFileIdParams.parse(params);
  const entry = await convertFileBeside(user, fileId, body.to, request.signal);
  return Response.json(entry, { status: 201 });
});
