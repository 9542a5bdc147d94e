// GET  /api/documents?tab=mine|shared|recent – the signed-in user's document list
// POST /api/documents – create a document, blank or from a template (fields filled in as text)
import { withSession } from "@/server/http/with-session";
import { ZCreateDocumentBody, ZListDocumentsQuery } from "@/server/documents/document-schemas";
import { listDocuments } from "@/server/documents/list-documents";
import { createDocument } from "@/server/documents/create-document";
import { createDocumentFromTemplate } from "@/server/documents/templates/create-document-from-template";

export const GET = withSession({ query: ZListDocumentsQuery }, async ({ user, query }) =>
  Response.json({ documents: await listDocuments(user.id, query.tab) }, { headers: { "cache-control": "no-store" } }),
);

export const POST = withSession({ body: ZCreateDocumentBody }, async ({ user, body }) => {
  const created = body.templateId
    ? await createDocumentFromTemplate({
        ownerId: user.id,
        templateId: body.templateId,
        fields: body.fields ?? {},
        title: body.title,
      })
    : await createDocument({ ownerId: user.id, title: body.title ?? "Sans titre" });
  return Response.json({ document: created }, { status: 201 });
});
