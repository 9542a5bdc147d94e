/**
 * An uploaded DOCX or ODT (already on disk, size-limited) read into a portal document. The format
 * is told by the bytes, never by the name: both are zip files, and zip-guard.ts says which after
 * checking what they unpack to. An ODT goes through LibreOffice to DOCX first, so both take the
 * same faithful DOCX path (import-docx.ts) — one converter to keep correct, not two.
 */
import "server-only";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "@/server/errors";
import { convertWithLibreOffice, createWorkDir } from "@/server/documents/convert/libreoffice";
import { libreOfficeAppError } from "@/server/documents/convert/libreoffice-errors";
import type { ImportedContent } from "@/server/documents/convert/import-docx";
import { runImportDocx } from "@/server/documents/convert/worker/run-import-docx";
import { inspectOfficeZip, type OfficeKind } from "@/server/documents/convert/zip-guard";
import {
  CONVERSION_TIMEOUT_MS,
  IMPORT_MAX_UNCOMPRESSED_BYTES,
  IMPORT_MAX_ZIP_ENTRIES,
} from "@/server/documents/convert/convert-limits";

const ZIP_LIMITS = { maxEntries: IMPORT_MAX_ZIP_ENTRIES, maxTotalUncompressed: IMPORT_MAX_UNCOMPRESSED_BYTES };

export interface ImportedOfficeFile extends ImportedContent {
  format: OfficeKind;
}

export async function importOfficeFile(
  filePath: string,
  options: { maxImageBytes: number },
): Promise<ImportedOfficeFile> {
  const original = await readFile(filePath);
  const format = inspectOfficeZip(original, ZIP_LIMITS);
  const docx = format === "docx" ? original : await odtToDocx(original);
  return { format, ...(await runImportDocx(docx, { ...options, timeoutMs: CONVERSION_TIMEOUT_MS })) };
}

async function odtToDocx(odt: Buffer): Promise<Buffer> {
  const work = await createWorkDir();
  try {
    const input = path.join(work.dir, "import.odt");
    await writeFile(input, odt);
    let output: string;
    try {
      output = await convertWithLibreOffice({
        inputPath: input,
        outDir: work.dir,
        target: "docx",
        timeoutMs: CONVERSION_TIMEOUT_MS,
      });
    } catch (error) {
      throw libreOfficeAppError(error, "import");
    }
    const docx = await readFile(output);
    // LibreOffice wrote it, but it is still checked like any upload before mammoth reads it.
    if (inspectOfficeZip(docx, ZIP_LIMITS) !== "docx") {
      throw new AppError("BAD_REQUEST", { userMessage: "not a readable ODT file" });
    }
    return docx;
  } finally {
    await work.dispose();
  }
}
