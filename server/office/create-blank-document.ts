/**
 * "New document / spreadsheet / presentation" in Files: a blank file copied from the templates the
 * portal ships (server/office/templates/blank.*, see generate-templates.ts) into the given folder
 * under a free name ("Nouveau document.docx", "Nouveau document (2).docx"…), streamed from disk.
 * The page then opens it in the editor at once.
 */
import "server-only";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { PortalUser } from "@/server/auth/portal-user";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { FileEntry, UserPath } from "@/server/files/storage";
import { writeUnderFreeName } from "@/server/office/write-beside";

export const BLANK_KINDS = ["document", "spreadsheet", "presentation"] as const;
export type BlankKind = (typeof BLANK_KINDS)[number];
export const BLANK_FORMATS = ["ooxml", "odf"] as const;
export type BlankFormat = (typeof BLANK_FORMATS)[number];

const EXTENSIONS: Record<BlankKind, Record<BlankFormat, string>> = {
  document: { ooxml: "docx", odf: "odt" },
  spreadsheet: { ooxml: "xlsx", odf: "ods" },
  presentation: { ooxml: "pptx", odf: "odp" },
};

const TEMPLATES_DIR = path.join(process.cwd(), "server", "office", "templates");

export function blankTemplatePath(extension: string): string {
  return path.join(TEMPLATES_DIR, `blank.${extension}`);
}

export async function createBlankDocument(
  user: PortalUser,
  input: { folder: UserPath; kind: BlankKind; format: BlankFormat; baseName: string },
  signal?: AbortSignal,
): Promise<FileEntry> {
  const extension = EXTENSIONS[input.kind][input.format];
  const template = blankTemplatePath(extension);
  const { size } = await stat(template);
  const entry = await writeUnderFreeName({ user, signal }, input.folder, input.baseName, extension, () =>
    Promise.resolve({ body: createReadStream(template), size }),
  );
  await recordAuditEvent({
    action: "office.created",
    actorUserId: user.id,
    targetType: "file",
    targetId: entry.id,
    details: { kind: input.kind, format: input.format },
  });
  return entry;
}
