/** Sends an image to the portal (server/documents/images/) and returns the src to put in the document. */
import { ApiError } from "@/components/documents/api/fetch-json";

export async function uploadDocumentImage(documentId: string, file: File): Promise<string> {
  const response = await fetch(`/api/document-images/${encodeURIComponent(documentId)}`, {
    method: "POST",
    headers: { "content-type": "application/octet-stream" },
    body: file,
    credentials: "same-origin",
  });
  const body = (await response.json().catch(() => ({}))) as {
    src?: string;
    error?: { code?: string; message?: string };
  };
  if (!response.ok || typeof body.src !== "string") {
    throw new ApiError(
      response.status,
      body.error?.code ?? `HTTP_${response.status}`,
      body.error?.message ?? "upload failed",
    );
  }
  return body.src;
}
