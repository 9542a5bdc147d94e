/**
 * Names of the Yjs documents on the wire. A portal document has two: its content, named by its
 * UUID, and its comments, `<uuid>.comments` (commenters write comments without touching the text).
 * Hocuspocus' Redis extension splits channel names on `:`, so a name never contains one.
 */
import type { DocumentPart } from "@/server/documents/schema";

const NAME_PATTERN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\.comments)?$/;

export interface DocumentAddress {
  documentId: string;
  part: DocumentPart;
}

/** The document and part a wire name designates, or null for anything else. */
export function parseDocumentName(name: string): DocumentAddress | null {
  const match = NAME_PATTERN.exec(name);
  if (!match?.[1]) return null;
  return { documentId: match[1], part: match[2] ? "comments" : "content" };
}

export function documentName(documentId: string, part: DocumentPart = "content"): string {
  return part === "comments" ? `${documentId}.comments` : documentId;
}
