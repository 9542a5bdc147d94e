// GET /api/documents/[id]/export?format=docx|odt|pdf|md – download a document (reader or more)
import { Readable } from "node:stream";
import { z } from "zod";
import { withSession } from "@/server/http/with-session";
import { ZDocumentId } from "@/server/documents/document-schemas";
import { EXPORT_FORMATS } from "@/server/documents/convert/export-document";
import { exportForUser } from "@/server/documents/convert/export-for-user";
import { attachmentDisposition } from "@/server/documents/convert/content-disposition";

const ZExportQuery = z.strictObject({
  format: z.enum(EXPORT_FORMATS, { message: `must be one of ${EXPORT_FORMATS.join(", ")}` }),
});

export const GET = withSession<typeof ZExportQuery, z.ZodUndefined, { id: string }>(
  { query: ZExportQuery },
  async ({ user, params, query }) => {
    const { id: documentId } = z.object({ id: ZDocumentId }).parse(params);
    const file = await exportForUser({ userId: user.id, documentId, format: query.format });
    return new Response(Readable.toWeb(file.body) as ReadableStream<Uint8Array>, {
      headers: {
        "content-type": file.contentType,
        "content-length": String(file.size),
        "content-disposition": attachmentDisposition(file.fileName),
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
);
