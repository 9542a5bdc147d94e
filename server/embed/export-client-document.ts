/**
 * GET /api/embed/v1/documents/{id}?format=… for a vendor: the document's current content (the live
 * collaboration state when this process holds it, else the stored state) as DOCX, ODT, PDF, PDF/A
 * (PDF/A-2b through LibreOffice, for the patient record's archive) or `native` — the portal's own
 * JSON: `{ type: "portal.document", schemaVersion: 1, documentId, title, content }` where content is
 * the ProseMirror (tiptap) JSON of components/documents/editor/document-extensions.ts.
 *
 * Only documents created through this client's sessions (embed_documents) are reachable; any other
 * id — another vendor's, a portal user's own document, a deleted one — is a 404. Every export is
 * an audit event naming the client and the document.
 */
import "server-only";
import { Readable } from "node:stream";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/server/db/client";
import { documents } from "@/server/db/schema";
import { embedDocuments } from "@/server/embed/schema";
import type { EMBED_EXPORT_FORMATS } from "@/server/embed/api/schemas";
import { exportDocument, type ExportedFile } from "@/server/documents/convert/export-document";
import { documentImageLoader } from "@/server/documents/convert/export-for-user";
import { readDocumentJson } from "@/server/collab/document-state";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { AppError } from "@/server/errors";
import { portalUrl } from "@/server/env";
import type { RequestMeta } from "@/server/embed/embed-session";

export type EmbedExportFormat = (typeof EMBED_EXPORT_FORMATS)[number];

export interface ClientExport extends ExportedFile {
  fileName: string;
}

export async function exportClientDocument(input: {
  clientId: string;
  documentId: string;
  format: EmbedExportFormat;
  meta?: RequestMeta;
}): Promise<ClientExport> {
  const [row] = await (
    await db()
  )
    .select({ title: documents.title })
    .from(embedDocuments)
    .innerJoin(documents, and(eq(documents.id, embedDocuments.documentId), isNull(documents.deletedAt)))
    .where(and(eq(embedDocuments.documentId, input.documentId), eq(embedDocuments.clientId, input.clientId)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "no such document" });
  const content = await readDocumentJson(input.documentId);
  let file: ExportedFile;
  let extension: string;
  if (input.format === "native") {
    const json = JSON.stringify({
      type: "portal.document",
      schemaVersion: 1,
      documentId: input.documentId,
      title: row.title,
      content,
    });
    const data = Buffer.from(json, "utf8");
    file = {
      body: Readable.from([data]),
      size: data.length,
      contentType: "application/json; charset=utf-8",
      dispose: async () => {},
      tempDir: null,
    };
    extension = "json";
  } else {
    const pdfA = input.format === "pdfa";
    const format = input.format === "pdfa" ? "pdf" : input.format;
    file = await exportDocument({
      content,
      format,
      pdfA,
      title: row.title,
      loadImage: documentImageLoader(input.documentId),
      origin: portalUrl(),
    });
    extension = format;
  }
  try {
    await recordAuditEvent({
      action: "embed.document_exported",
      targetType: "document",
      targetId: input.documentId,
      ip: input.meta?.ip,
      userAgent: input.meta?.userAgent,
      details: { clientId: input.clientId, format: input.format },
    });
  } catch (error) {
    await file.dispose();
    throw error;
  }
  return { ...file, fileName: `${row.title}.${extension}` };
}
