/**
 * Fills a template's `{{field}}` placeholders with the values typed in the form. Values go into
 * tiptap text nodes — text, never HTML — so `<script>` in a value is shown as those characters and
 * can never become markup. Line breaks in a multi-line value become hard breaks; control
 * characters are dropped. A field left empty shows "…" so the gap is visible in the document.
 */
import "server-only";
import type { JSONContent } from "@tiptap/core";
import { AppError } from "@/server/errors";
import type { DocumentTemplate } from "@/server/documents/templates/template-types";

const PLACEHOLDER = /\{\{([a-zA-Z][a-zA-Z0-9]*)\}\}/g;
const EMPTY_FIELD = "…";

/** Checks the submitted values against the template's fields: unknown and missing required ones are 400s. */
export function validateTemplateFields(
  template: DocumentTemplate,
  fields: Record<string, string>,
): Record<string, string> {
  const known = new Set(template.fields.map((field) => field.id));
  for (const id of Object.keys(fields)) {
    if (!known.has(id)) throw new AppError("BAD_REQUEST", { userMessage: `invalid fields.${id}: unknown field` });
  }
  const clean: Record<string, string> = {};
  for (const field of template.fields) {
    const raw = fields[field.id] ?? "";
    // Keep tabs and line breaks (multi-line fields); drop every other control character.
    const value = raw.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "").trim();
    const oneLine = field.kind === "multiline" ? value : value.replace(/\s*[\r\n]+\s*/g, " ");
    if (field.required && oneLine === "") {
      throw new AppError("BAD_REQUEST", { userMessage: `invalid fields.${field.id}: required` });
    }
    if (field.kind === "date" && oneLine !== "" && !/^\d{4}-\d{2}-\d{2}$/.test(oneLine)) {
      throw new AppError("BAD_REQUEST", { userMessage: `invalid fields.${field.id}: expected a date YYYY-MM-DD` });
    }
    clean[field.id] = oneLine;
  }
  return clean;
}

/** A date field as French readers write it (2026-03-04 → 04/03/2026). */
function displayValue(template: DocumentTemplate, id: string, value: string): string {
  const field = template.fields.find((candidate) => candidate.id === id);
  if (field?.kind === "date" && value !== "") {
    const [year, month, day] = value.split("-");
    return `${day}/${month}/${year}`;
  }
  return value;
}

function fillText(node: JSONContent, template: DocumentTemplate, values: Record<string, string>): JSONContent[] {
  const source = node.text ?? "";
  const filled = source.replace(PLACEHOLDER, (_match, id: string) => {
    const value = displayValue(template, id, values[id] ?? "");
    return value === "" ? EMPTY_FIELD : value;
  });
  // Split on line breaks into text + hardBreak nodes (a text node must not be empty).
  const out: JSONContent[] = [];
  filled.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (index > 0) out.push({ type: "hardBreak" });
    if (line !== "")
      out.push(node.marks ? { type: "text", text: line, marks: node.marks } : { type: "text", text: line });
  });
  return out;
}

function fillNode(node: JSONContent, template: DocumentTemplate, values: Record<string, string>): JSONContent[] {
  if (node.type === "text") return fillText(node, template, values);
  if (!node.content) return [structuredClone(node)];
  return [
    {
      ...structuredClone({ ...node, content: undefined }),
      content: node.content.flatMap((child) => fillNode(child, template, values)),
    },
  ];
}

/** The template's content with every placeholder replaced by its (validated) value. */
export function fillTemplate(template: DocumentTemplate, values: Record<string, string>): JSONContent {
  const [filled] = fillNode(template.content, template, values);
  if (!filled) throw new Error("template has no content");
  return filled;
}
