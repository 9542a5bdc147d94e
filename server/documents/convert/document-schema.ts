/**
 * The document schema on the server, built once per process from the editor's own extension list
 * (components/documents/editor/document-extensions.ts): import parses into it, export walks
 * documents that conform to it.
 */
import "server-only";
import { getSchema, type AnyExtension } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import { documentExtensions } from "@/components/documents/editor/document-extensions";

let extensions: AnyExtension[] | undefined;
let schema: Schema | undefined;

export function conversionExtensions(): AnyExtension[] {
  extensions ??= documentExtensions();
  return extensions;
}

export function conversionSchema(): Schema {
  schema ??= getSchema(conversionExtensions());
  return schema;
}
