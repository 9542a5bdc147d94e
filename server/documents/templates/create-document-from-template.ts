/**
 * "New document from a template": validates the field values, fills them into the template as
 * text (fill-template.ts), creates the document and stores the filled content as its initial Yjs
 * state, so the first participant to open it sees the content (no browser ever "saves" it).
 *
 * The document is brand new, so no collaboration session can hold it yet: writing its stored state
 * directly (writePartState) is safe. Kept as one function so the embedding API (issue 7) reuses it.
 */
import "server-only";
import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { AppError } from "@/server/errors";
import { createDocument, type CreatedDocument } from "@/server/documents/create-document";
import { findTemplate } from "@/server/documents/templates/document-templates";
import { fillTemplate, validateTemplateFields } from "@/server/documents/templates/fill-template";
import { templateTitle } from "@/server/documents/templates/template-title";
import { writePartState } from "@/server/collab/persistence";
import { DOCUMENT_YJS_FIELD, documentExtensions } from "@/components/documents/editor/document-extensions";

let cachedSchema: ReturnType<typeof getSchema> | undefined;
function documentSchema(): ReturnType<typeof getSchema> {
  cachedSchema ??= getSchema(documentExtensions());
  return cachedSchema;
}

export async function createDocumentFromTemplate(input: {
  ownerId: string;
  templateId: string;
  fields: Record<string, string>;
  /** Defaults to the template's name followed by its title field's value. */
  title?: string;
}): Promise<CreatedDocument> {
  const template = findTemplate(input.templateId);
  if (!template) throw new AppError("BAD_REQUEST", { userMessage: `invalid templateId: unknown template` });
  const values = validateTemplateFields(template, input.fields);
  const content = fillTemplate(template, values);
  // Throws on content the schema does not allow: a template bug, caught by the template tests.
  const ydoc = prosemirrorJSONToYDoc(documentSchema(), content, DOCUMENT_YJS_FIELD);
  const state = Y.encodeStateAsUpdate(ydoc);
  ydoc.destroy();
  const title = input.title ?? (await templateTitle(template, values));
  const created = await createDocument({ ownerId: input.ownerId, title, templateId: template.id });
  await writePartState(created.id, "content", state);
  return created;
}
