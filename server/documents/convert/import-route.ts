/**
 * POST /api/documents/import?filename=<name>.docx|.odt – import a Word or OpenDocument file as a
 * new document owned by the caller. The body is the file itself (any Content-Type but multipart);
 * answers 201 `{ id, title, format, droppedImages }`.
 *
 * A node route (server/http/node-routes.ts), not a Next route handler: Next buffers request bodies
 * (its proxy cuts them at 10 MB), while this one streams to a private temporary file and is cut at
 * IMPORT_MAX_BYTES. The title is the file name without its extension; the format is told by the
 * bytes (zip-guard.ts), never by the name or the Content-Type.
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { AppError } from "@/server/errors";
import { env } from "@/server/env";
import { requireRequestUser } from "@/server/auth/request-user";
import { sendJson, type NodeRoute } from "@/server/http/node-routes";
import { ZDocumentTitle } from "@/server/documents/document-schemas";
import { createWorkDir } from "@/server/documents/convert/libreoffice";
import { checkDeclaredLength, receiveUpload } from "@/server/documents/convert/receive-upload";
import { importOfficeFile } from "@/server/documents/convert/import-office-file";
import { createImportedDocument } from "@/server/documents/convert/create-imported-document";
import { IMPORT_MAX_BYTES } from "@/server/documents/convert/convert-limits";

export const IMPORT_PATH = "/api/documents/import";

const ZImportQuery = z.strictObject({
  filename: z
    .string()
    .max(255, { message: "must be at most 255 characters" })
    .regex(/\.(docx|odt)$/i, { message: "must end with .docx or .odt" }),
});

/** "Compte rendu.docx" → "Compte rendu"; a name with nothing usable gets a neutral title. */
function titleFromFileName(fileName: string): string {
  const base = fileName
    .replace(/^.*[\\/]/, "")
    .replace(/\.(docx|odt)$/i, "")
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .trim()
    .slice(0, 200);
  const parsed = ZDocumentTitle.safeParse(base);
  return parsed.success ? parsed.data : "Document importé";
}

async function importDocument(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const user = await requireRequestUser(req);
  const { filename } = ZImportQuery.parse(Object.fromEntries(url.searchParams));
  if ((req.headers["content-type"] ?? "").toLowerCase().startsWith("multipart/")) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", {
      userMessage: "send the file itself as the request body (not multipart/form-data)",
    });
  }
  checkDeclaredLength(req, IMPORT_MAX_BYTES);
  const work = await createWorkDir();
  try {
    const upload = await receiveUpload(req, work.dir, IMPORT_MAX_BYTES);
    const imported = await importOfficeFile(upload.path, { maxImageBytes: env().DOCUMENTS_IMAGE_MAX_BYTES });
    const created = await createImportedDocument({
      ownerId: user.id,
      title: titleFromFileName(filename),
      content: imported.content,
      images: imported.images,
      format: imported.format,
    });
    sendJson(res, 201, {
      id: created.id,
      title: created.title,
      format: imported.format,
      droppedImages: imported.droppedImages,
    });
  } finally {
    await work.dispose();
  }
}

export const importRoute: NodeRoute = {
  prefix: IMPORT_PATH,
  async handle(req, res, url) {
    try {
      if (req.method !== "POST") {
        res.setHeader("allow", "POST");
        throw new AppError("METHOD_NOT_ALLOWED", {
          userMessage: "method not allowed; use POST with the file as the body",
        });
      }
      await importDocument(req, res, url);
    } catch (error) {
      // A refused upload may still be arriving: answer, then close rather than read the rest.
      if (!req.readableEnded) res.setHeader("connection", "close");
      throw error;
    }
  },
};
