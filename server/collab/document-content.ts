/**
 * Conversions between a document's content as tiptap JSON and its Yjs form, with the document
 * schema (D2's components/documents/editor/document-extensions.ts — the same list the editor
 * uses, so whatever the editor writes the server reads, and nothing else gets in).
 */
import "server-only";
import { getSchema, type JSONContent } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from "y-prosemirror";
import type * as Y from "yjs";
import { DOCUMENT_YJS_FIELD, documentExtensions } from "@/components/documents/editor/document-extensions";
import { AppError } from "@/server/errors";

let schema: Schema | undefined;

export function documentSchema(): Schema {
  schema ??= getSchema(documentExtensions({ collaborative: true }));
  return schema;
}

const EMPTY_DOCUMENT: JSONContent = { type: "doc", content: [{ type: "paragraph" }] };

/** The content of a Yjs document as tiptap JSON (an empty paragraph for an empty document). */
export function contentJson(document: Y.Doc): JSONContent {
  const fragment = document.getXmlFragment(DOCUMENT_YJS_FIELD);
  if (fragment.length === 0) return EMPTY_DOCUMENT;
  return yXmlFragmentToProsemirrorJSON(fragment) as JSONContent;
}

/** Checks tiptap JSON against the document schema; a 400 naming the problem when it does not fit. */
export function validateContentJson(json: unknown): JSONContent {
  try {
    const node = documentSchema().nodeFromJSON(json);
    node.check();
    return node.toJSON() as JSONContent;
  } catch (error: unknown) {
    throw new AppError("BAD_REQUEST", {
      userMessage: `content does not fit the document schema: ${error instanceof Error ? error.message : "invalid"}`,
    });
  }
}

/**
 * Makes the document's content equal to `json`, as a change computed against what is there (the
 * Yjs fragment is updated in place, so carets and comments anchored to text that did not change
 * stay put). Call inside a transaction for a single update.
 */
export function writeContentJson(document: Y.Doc, json: JSONContent): void {
  prosemirrorJSONToYXmlFragment(documentSchema(), json, document.getXmlFragment(DOCUMENT_YJS_FIELD));
}
