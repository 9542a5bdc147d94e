// Templates: field values become text nodes (never markup), line breaks become hard breaks, the
// submitted fields are checked (unknown, required, dates), and every template fills into a
// document the editor's schema accepts.
import { describe, expect, it } from "vitest";
import { getSchema, type JSONContent } from "@tiptap/core";
import { generateHTML } from "@tiptap/html";
import { documentExtensions } from "@/components/documents/editor/document-extensions";
import { DOCUMENT_TEMPLATES, findTemplate } from "@/server/documents/templates/document-templates";
import { fillTemplate, validateTemplateFields } from "@/server/documents/templates/fill-template";
import type { DocumentTemplate } from "@/server/documents/templates/template-types";

function texts(node: JSONContent): string[] {
  return [...(node.text !== undefined ? [node.text] : []), ...(node.content ?? []).flatMap(texts)];
}

function discharge(): DocumentTemplate {
  const template = findTemplate("discharge-summary");
  if (!template) throw new Error("discharge-summary template missing");
  return template;
}

const validDischarge = {
  patient: "DUPONT Jean",
  admissionDate: "2026-03-02",
  dischargeDate: "2026-03-09",
  service: "Cardiologie",
  physician: "Dr Martin",
};

describe("fillTemplate", () => {
  it("puts a <script> value in as text, which renders escaped", () => {
    const template = discharge();
    const values = validateTemplateFields(template, {
      ...validDischarge,
      patient: '<script>alert("x")</script><img src=x onerror=alert(1)>',
    });
    const filled = fillTemplate(template, values);
    expect(texts(filled)).toContain('<script>alert("x")</script><img src=x onerror=alert(1)>');
    const html = generateHTML(filled, documentExtensions());
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;");
  });

  it("fills dates as French dates, empty optional fields as an ellipsis, line breaks as hard breaks", () => {
    const template = discharge();
    const values = validateTemplateFields(template, { ...validDischarge, summary: "Évolution favorable.\nSortie." });
    const filled = fillTemplate(template, values);
    const all = texts(filled).join("|");
    expect(all).toContain("02/03/2026");
    expect(all).toContain("…");
    expect(JSON.stringify(filled)).toContain(
      '{"type":"text","text":"Évolution favorable."},{"type":"hardBreak"},{"type":"text","text":"Sortie."}',
    );
    expect(all).not.toContain("{{");
  });

  it("keeps a one-line field on one line and drops control characters", () => {
    const values = validateTemplateFields(discharge(), { ...validDischarge, service: "Cardio\nlogie\u0007" });
    expect(values.service).toBe("Cardio logie");
  });

  it("refuses unknown fields, missing required ones and malformed dates, naming the field", () => {
    const template = discharge();
    expect(() => validateTemplateFields(template, { ...validDischarge, evil: "x" })).toThrow(/fields\.evil/);
    expect(() => validateTemplateFields(template, { ...validDischarge, patient: "  " })).toThrow(
      /fields\.patient: required/,
    );
    expect(() => validateTemplateFields(template, { ...validDischarge, admissionDate: "02/03/2026" })).toThrow(
      /fields\.admissionDate/,
    );
  });

  it("fills every template into a document the editor's schema accepts", () => {
    const schema = getSchema(documentExtensions());
    for (const template of DOCUMENT_TEMPLATES) {
      const values: Record<string, string> = {};
      for (const field of template.fields)
        values[field.id] = field.kind === "date" ? "2026-01-31" : `valeur ${field.id}`;
      const node = schema.nodeFromJSON(fillTemplate(template, validateTemplateFields(template, values)));
      expect(() => node.check()).not.toThrow();
      expect(node.textContent).toContain(`valeur ${template.titleField ?? template.fields[0]?.id}`);
    }
  });
});
