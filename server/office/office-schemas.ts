/**
 * The office routes' input and output shapes (app/api/office/**), checked both ways.
 */
import "server-only";
import { z } from "zod";
import { FILE_ID_PATTERN } from "@/server/office/resolve-office-file";
import { BLANK_FORMATS, BLANK_KINDS } from "@/server/office/create-blank-document";
import { ZUserPath } from "@/server/files/http/query";
import { ZFileName } from "@/server/files/http/json-route-support";

export const ZFileIdParams = z.object({
  fileId: z.string().regex(FILE_ID_PATTERN, "not a file id"),
});

export const ZEditorQuery = z.strictObject({
  mode: z.enum(["edit", "view"]).default("edit"),
});

export const ZConvertBody = z.strictObject({
  to: z.enum(["pdf", "docx", "xlsx", "pptx"]),
});

export const ZNewDocumentBody = z.strictObject({
  folder: ZUserPath,
  kind: z.enum(BLANK_KINDS),
  format: z.enum(BLANK_FORMATS).default("ooxml"),
  /** The name without extension (the page sends "Nouveau document" in the user's language). */
  name: ZFileName,
});
