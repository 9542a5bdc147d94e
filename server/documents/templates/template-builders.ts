/** Small builders so template bodies read like the documents they produce. */
import "server-only";
import type { JSONContent } from "@tiptap/core";

export const text = (value: string, marks?: string[]): JSONContent =>
  marks ? { type: "text", text: value, marks: marks.map((type) => ({ type })) } : { type: "text", text: value };

export const heading = (level: 1 | 2 | 3, value: string): JSONContent => ({
  type: "heading",
  attrs: { level },
  content: [text(value)],
});

export const paragraph = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });

/** "Label : {{field}}" with the label in bold. */
export const labelled = (label: string, field: string): JSONContent =>
  paragraph(text(`${label}\u00a0: `, ["bold"]), text(`{{${field}}}`));

export const bulletList = (...items: string[]): JSONContent => ({
  type: "bulletList",
  content: items.map((item) => ({ type: "listItem", content: [paragraph(text(item))] })),
});

export const taskList = (...items: string[]): JSONContent => ({
  type: "taskList",
  content: items.map((item) => ({ type: "taskItem", attrs: { checked: false }, content: [paragraph(text(item))] })),
});

export const table = (header: string[], rows: string[][]): JSONContent => ({
  type: "table",
  content: [
    {
      type: "tableRow",
      content: header.map((cell) => ({ type: "tableHeader", content: [paragraph(text(cell))] })),
    },
    ...rows.map((row) => ({
      type: "tableRow",
      content: row.map((cell) => ({ type: "tableCell", content: [cell ? paragraph(text(cell)) : paragraph()] })),
    })),
  ],
});

export const doc = (...content: JSONContent[]): JSONContent => ({ type: "doc", content });
