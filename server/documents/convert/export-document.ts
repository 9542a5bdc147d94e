/**
 * A document's content written in one of the export formats, ready to stream: DOCX from the
 * `docx` library, ODT and PDF from that DOCX through LibreOffice (one faithful writer; LibreOffice
 * is the best ODT/PDF renderer of Word documents there is), Markdown from tiptap's serializer.
 *
 * LibreOffice's output is streamed from its temporary file, which is removed once the response has
 * been sent (or abandoned): call `dispose` when the body stream closes.
 */
import "server-only";
import { createReadStream } from "node:fs";
import { stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { JSONContent } from "@tiptap/core";
import { exportDocx, type ImageLoader } from "@/server/documents/convert/export-docx";
import { exportMarkdown } from "@/server/documents/convert/export-markdown";
import { convertWithLibreOffice, createWorkDir } from "@/server/documents/convert/libreoffice";
import { libreOfficeAppError } from "@/server/documents/convert/libreoffice-errors";
import { CONVERSION_TIMEOUT_MS } from "@/server/documents/convert/convert-limits";

export const EXPORT_FORMATS = ["docx", "odt", "pdf", "md"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  odt: "application/vnd.oasis.opendocument.text",
  pdf: "application/pdf",
  md: "text/markdown; charset=utf-8",
};

export interface ExportedFile {
  body: Readable;
  size: number;
  contentType: string;
  /** Removes temporary files; safe to call more than once. */
  dispose: () => Promise<void>;
  /** The temporary folder holding the file while it streams (LibreOffice formats), else null. */
  tempDir: string | null;
}

export interface ExportInput {
  content: JSONContent;
  format: ExportFormat;
  title: string;
  loadImage: ImageLoader;
  /** The portal's public origin, for image links in Markdown. */
  origin: string;
  /** PDF only: PDF/A-2b. */
  pdfA?: boolean;
}

function inMemory(data: Buffer, contentType: string): ExportedFile {
  return { body: Readable.from([data]), size: data.length, contentType, dispose: async () => {}, tempDir: null };
}

export async function exportDocument(input: ExportInput): Promise<ExportedFile> {
  if (input.format === "md") {
    return inMemory(Buffer.from(exportMarkdown(input.content, input.origin), "utf8"), EXPORT_CONTENT_TYPES.md);
  }
  const docx = await exportDocx(input.content, { title: input.title, loadImage: input.loadImage });
  if (input.format === "docx") return inMemory(docx, EXPORT_CONTENT_TYPES.docx);
  const work = await createWorkDir();
  try {
    const source = path.join(work.dir, "document.docx");
    await writeFile(source, docx);
    const output = await convertWithLibreOffice({
      inputPath: source,
      outDir: path.join(work.dir, "out"),
      target: input.format,
      pdfA: input.pdfA,
      timeoutMs: CONVERSION_TIMEOUT_MS,
    }).catch((error: unknown) => {
      throw libreOfficeAppError(error, "export");
    });
    const { size } = await stat(output);
    let disposed = false;
    const dispose = async () => {
      if (disposed) return;
      disposed = true;
      await work.dispose();
    };
    const body = createReadStream(output);
    body.once("close", () => void dispose());
    return { body, size, contentType: EXPORT_CONTENT_TYPES[input.format], dispose, tempDir: work.dir };
  } catch (error) {
    await work.dispose();
    throw error;
  }
}
