/**
 * What a file is for the UI, and the one function deciding what opening it does.
 *
 * `primaryAction` is the single place that decides: folders open, images/PDF/text preview, office
 * documents open in the office editor page (/office/{id}) when the portal has an editor for their
 * extension (the page passes the list it got from the server), and download otherwise.
 */
import type { FileEntry } from "./api/types";

export type PreviewKind = "image" | "pdf" | "text";
export type PrimaryAction = "open-folder" | "preview" | "open-office" | "download";

const NO_OFFICE_EDITOR: ReadonlySet<string> = new Set();

const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp"]);
const TEXT_TYPES = new Set(["text/plain", "text/csv", "text/markdown", "application/json", "text/x-log"]);
const OFFICE_EXTENSIONS = new Set(["docx", "xlsx", "pptx", "odt", "ods", "odp", "doc", "xls", "ppt"]);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/** Images the browser shows safely (no SVG: it may carry script), PDFs and plain text. */
export function previewKind(entry: Pick<FileEntry, "kind" | "contentType" | "name">): PreviewKind | null {
  if (entry.kind !== "file") return null;
  const type = (entry.contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (IMAGE_TYPES.has(type)) return "image";
  if (type === "application/pdf") return "pdf";
  if (TEXT_TYPES.has(type) || ["txt", "csv", "md", "log"].includes(extensionOf(entry.name))) return "text";
  return null;
}

export function isOfficeDocument(entry: Pick<FileEntry, "name">): boolean {
  return OFFICE_EXTENSIONS.has(extensionOf(entry.name));
}

/** `officeExtensions`: the extensions a configured office editor opens (none by default). */
export function primaryAction(
  entry: Pick<FileEntry, "kind" | "contentType" | "name">,
  officeExtensions: ReadonlySet<string> = NO_OFFICE_EDITOR,
): PrimaryAction {
  if (entry.kind === "folder") return "open-folder";
  if (officeExtensions.has(extensionOf(entry.name))) return "open-office";
  if (isOfficeDocument(entry)) return "download";
  return previewKind(entry) ? "preview" : "download";
}

/** A short icon family for the list (decorative: the name and type carry the meaning). */
export function iconFamily(entry: Pick<FileEntry, "kind" | "contentType" | "name">): string {
  if (entry.kind === "folder") return "folder";
  const preview = previewKind(entry);
  if (preview) return preview;
  if (isOfficeDocument(entry)) return "document";
  return "file";
}
