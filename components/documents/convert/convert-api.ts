/**
 * The browser side of import and export: sends a chosen file to POST /api/documents/import as the
 * raw body (the portal streams it to disk; no multipart), and fetches an export as a file. Both
 * throw the documents UI's `ApiError` (status + the portal's error code) on a refusal.
 */
import { ApiError } from "@/components/documents/api/fetch-json";

export const EXPORT_FORMATS = ["docx", "odt", "pdf", "md"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What the file picker offers (the server decides by the bytes, not by this). */
export const IMPORT_ACCEPT =
  ".docx,.odt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text";

export interface ImportResult {
  id: string;
  title: string;
  format: "docx" | "odt";
  droppedImages: number;
}

async function apiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: unknown; message?: unknown } };
  return new ApiError(
    response.status,
    typeof body.error?.code === "string" ? body.error.code : `HTTP_${response.status}`,
    typeof body.error?.message === "string" ? body.error.message : response.statusText,
  );
}

export async function importDocumentFile(file: File): Promise<ImportResult> {
  const response = await fetch(`/api/documents/import?filename=${encodeURIComponent(file.name)}`, {
    method: "POST",
    headers: { "content-type": "application/octet-stream" },
    body: file,
    credentials: "same-origin",
  });
  if (!response.ok) throw await apiError(response);
  return (await response.json()) as ImportResult;
}

/** The download name the server chose (RFC 6266 `filename*`, else `filename`). */
function fileNameFrom(disposition: string | null, fallback: string): string {
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? "")?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // Badly encoded: use the plain name.
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? "")?.[1] ?? fallback;
}

export async function fetchExport(documentId: string, format: ExportFormat): Promise<{ blob: Blob; fileName: string }> {
  const response = await fetch(`/api/documents/${encodeURIComponent(documentId)}/export?format=${format}`, {
    credentials: "same-origin",
    cache: "no-store",
  });
  if (!response.ok) throw await apiError(response);
  return {
    blob: await response.blob(),
    fileName: fileNameFrom(response.headers.get("content-disposition"), `document.${format}`),
  };
}

/** Hands a fetched file to the browser's download (a temporary object URL, revoked right after). */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
