/**
 * "Save" in the iframe: the document's current content (the live collaboration document, with
 * every change the server has received) becomes a named version, then `recordEmbedEvent("saved")`
 * audits it and queues the signed `document.saved` webhook for the vendor. The content itself is
 * stored continuously by the collaboration server; the version is the vendor's checkpoint, the
 * state the webhook refers to. View-mode sessions cannot save.
 */
import "server-only";
import { createNamedVersion } from "@/server/collab/document-state";
import { recordEmbedEvent, type EmbedSession, type RequestMeta } from "@/server/embed/embed-session";
import { AppError } from "@/server/errors";

export interface SavedEmbedDocument {
  versionId: string;
  savedAt: string;
}

export async function saveEmbedDocument(
  session: EmbedSession,
  versionName: string,
  meta: RequestMeta,
): Promise<SavedEmbedDocument> {
  if (session.role !== "editor") {
    throw new AppError("FORBIDDEN", { userMessage: "this embed session is read-only (view mode): nothing to save" });
  }
  const version = await createNamedVersion(session.documentId, versionName, session.userId);
  await recordEmbedEvent(session.id, "saved", meta);
  return { versionId: version.id, savedAt: version.createdAt };
}
