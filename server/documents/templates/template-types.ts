/**
 * What a document template is: tiptap JSON (the schema of components/documents/editor/
 * document-extensions.ts) in which text may hold `{{fieldId}}` placeholders, plus the fields the
 * "new document from a template" form asks for. Names and labels are i18n keys under
 * `documents.templates.<templateId>`; the body is French, the language of the hospital record.
 */
import "server-only";
import type { JSONContent } from "@tiptap/core";

export interface TemplateField {
  id: string;
  /** `text` is one line; `multiline` keeps line breaks; `date` is an ISO date (shown as typed). */
  kind: "text" | "multiline" | "date";
  required?: boolean;
}

export interface DocumentTemplate {
  id: string;
  fields: readonly TemplateField[];
  /** Field whose value becomes the document title's suffix (e.g. the patient's name). */
  titleField?: string;
  content: JSONContent;
}
