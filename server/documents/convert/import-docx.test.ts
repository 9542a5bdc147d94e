import type { JSONContent } from "@tiptap/core";
import { describe, expect, it } from "vitest";
import { importDocx, PENDING_DOCUMENT_ID, replaceImageSources } from "@/server/documents/convert/import-docx";
import { FIXTURE_PNG, richWordDocument } from "@/test/fixtures/documents/word-fixtures";
import { exportDocx } from "@/server/documents/convert/export-docx";
import { RICH_DOCUMENT, RICH_IMAGE_SRC } from "@/test/fixtures/documents/rich-document";

function findAll(node: JSONContent, type: string, into: JSONContent[] = []): JSONContent[] {
  if (node.type === type) into.push(node);
  for (const child of node.content ?? []) findAll(child, type, into);
  return into;
}

function textOf(node: JSONContent): string {
  return node.type === "text" ? (node.text ?? "") : (node.content ?? []).map(textOf).join("");
}

function marksOf(node: JSONContent, text: string): string[] {
  const found = findAll(node, "text").find((item) => item.text === text);
  return (found?.marks ?? []).map((mark) => mark.type).sort();
}

describe("importDocx", () => {
  it("reads headings, emphasis, links, lists, tables, images and checklists into the document schema", async () => {
    const { content, images, droppedImages } = await importDocx(await richWordDocument(), { maxImageBytes: 1_000_000 });

    const headings = findAll(content, "heading").map((node) => [node.attrs?.level, textOf(node)]);
    expect(headings).toEqual([
      [1, "Protocole de soins"],
      [2, "Étapes"],
    ]);
    expect(marksOf(content, "Important")).toEqual(["bold"]);
    expect(marksOf(content, "penché")).toEqual(["italic"]);
    expect(marksOf(content, "souligné")).toEqual(["underline"]);
    expect(marksOf(content, "barré")).toEqual(["strike"]);

    const bullet = findAll(content, "bulletList")[0];
    expect(bullet && textOf(bullet)).toContain("Lavage des mains");
    expect(findAll(bullet ?? {}, "bulletList").length).toBe(2); // the nested level is a nested list
    const ordered = findAll(content, "orderedList")[0];
    expect(findAll(ordered ?? {}, "listItem").map(textOf)).toEqual(["Préparer", "Administrer"]);

    const cells = findAll(content, "tableCell").map(textOf);
    expect(cells).toEqual(["Médicament", "Dose", "Paracétamol", "1 g"]);

    const tasks = findAll(content, "taskItem").map((node) => [node.attrs?.checked, textOf(node)]);
    expect(tasks).toEqual([
      [true, "Patient identifié"],
      [false, "Consentement signé"],
    ]);

    expect(droppedImages).toBe(0);
    expect(images).toHaveLength(1);
    expect(images[0]?.upload.contentType).toBe("image/png");
    expect(Buffer.compare(images[0]?.upload.data ?? Buffer.alloc(0), FIXTURE_PNG)).toBe(0);
    const [image] = findAll(content, "image");
    expect(image?.attrs?.src).toBe(images[0]?.placeholderSrc);
    expect(String(image?.attrs?.src)).toContain(PENDING_DOCUMENT_ID);
    expect(image?.attrs?.alt).toBe("Schéma");
    expect(JSON.stringify(content)).not.toContain("data:");
  });

  it("keeps an https link and drops a javascript: one (its text stays, as plain text)", async () => {
    const { content } = await importDocx(await richWordDocument(), { maxImageBytes: 1_000_000 });
    const links = findAll(content, "text").flatMap((node) =>
      (node.marks ?? []).filter((mark) => mark.type === "link").map((mark) => [node.text, mark.attrs?.href]),
    );
    expect(links).toEqual([["la HAS", "https://has-sante.fr/"]]);
    expect(textOf(content)).toContain("ce piège");
    expect(JSON.stringify(content)).not.toMatch(/javascript|vbscript|data:/i);
    // Markup typed as text in Word stays text: no node but text carries it.
    const typed = findAll(content, "text").find((node) => node.text?.includes("<script>"));
    expect(typed?.text).toContain('<script>alert("x")</script><img src=x onerror=alert(1)>');
    expect(findAll(content, "image")).toHaveLength(1);
  });

  it("drops images larger than the limit", async () => {
    const { content, images, droppedImages } = await importDocx(await richWordDocument(), { maxImageBytes: 10 });
    expect(images).toEqual([]);
    expect(droppedImages).toBe(1);
    expect(findAll(content, "image")).toEqual([]);
  });

  it("swaps placeholder image addresses for stored ones", async () => {
    const { content, images } = await importDocx(await richWordDocument(), { maxImageBytes: 1_000_000 });
    const stored = "/api/document-images/11111111-1111-4111-8111-111111111111/22222222-2222-4222-8222-222222222222";
    const placed = replaceImageSources(content, new Map([[images[0]?.placeholderSrc ?? "", stored]]));
    expect(findAll(placed, "image")[0]?.attrs?.src).toBe(stored);
  });

  it("round-trips the portal's own DOCX export: structure, marks, tasks, alignment and the image", async () => {
    const docx = await exportDocx(RICH_DOCUMENT, {
      loadImage: async (src) => (src === RICH_IMAGE_SRC ? { data: FIXTURE_PNG, contentType: "image/png" } : null),
    });
    const { content, images } = await importDocx(docx, { maxImageBytes: 1_000_000 });
    const [title, section] = findAll(content, "heading");
    expect(title?.attrs).toMatchObject({ level: 1, textAlign: "center" });
    expect(textOf(title ?? {})).toBe("Compte rendu d'hospitalisation");
    expect(section?.attrs).toMatchObject({ level: 2 });
    expect(section?.attrs?.textAlign ?? null).toBeNull();
    for (const [word, mark] of [
      ["Gras", "bold"],
      ["Italique", "italic"],
      ["Souligné", "underline"],
      ["Barré", "strike"],
    ]) {
      expect(marksOf(content, word ?? "")).toEqual([mark]);
    }
    expect(marksOf(content, "Lien HAS")).toContain("link");
    expect(findAll(findAll(content, "bulletList")[0] ?? {}, "listItem").map(textOf)).toEqual([
      "Puce unSous-puce",
      "Sous-puce",
      "Puce deux",
    ]);
    expect(findAll(findAll(content, "orderedList")[0] ?? {}, "listItem").map(textOf)).toEqual([
      "Étape un",
      "Étape deux",
    ]);
    expect(findAll(content, "taskItem").map((node) => [node.attrs?.checked, textOf(node)])).toEqual([
      [true, "Tâche faite"],
      [false, "Tâche à faire"],
    ]);
    expect(findAll(content, "tableCell").concat(findAll(content, "tableHeader")).map(textOf).sort()).toEqual(
      ["1 g x 3", "Amoxicilline", "Molécule", "Posologie"].sort(),
    );
    expect(images).toHaveLength(1);
    expect(findAll(content, "image")[0]?.attrs?.alt).toBe("Radiographie");
  });
});
