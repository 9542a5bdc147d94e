/**
 * The current content of a document as tiptap JSON, for export.
 *
 * Read from the stored collaboration state (snapshot + appended updates): the collaboration server
 * stores every update before acknowledging it (server/collab/update-journal.ts), so this holds
 * everything any editor has seen confirmed, whichever process holds the live document.
 * A document never edited is one empty paragraph.
 */
import "server-only";
import type { JSONContent } from "@tiptap/core";
import { yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { loadPartState } from "@/server/collab/persistence";
import { DOCUMENT_YJS_FIELD } from "@/components/documents/editor/document-extensions";

export async function readDocumentContent(documentId: string): Promise<JSONContent> {
  const state = await loadPartState(documentId, "content");
  if (!state) return { type: "doc", content: [{ type: "paragraph" }] };
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    const json = yXmlFragmentToProsemirrorJSON(ydoc.getXmlFragment(DOCUMENT_YJS_FIELD)) as JSONContent;
    return json.content && json.content.length > 0 ? json : { type: "doc", content: [{ type: "paragraph" }] };
  } finally {
    ydoc.destroy();
  }
}
