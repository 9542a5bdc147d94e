// The DOCX export checked by an independent reader: LibreOffice converting it to text and HTML.
import { describe, expect, it } from "vitest";
import { exportDocx } from "@/server/documents/convert/export-docx";
import { RICH_DOCUMENT, RICH_IMAGE_SRC } from "@/test/fixtures/documents/rich-document";
import { makePng } from "@/test/fixtures/documents/make-png";
import { readAsOpenDocumentXml, readWithLibreOffice } from "@/test/fixtures/documents/independent-reader";

const png = makePng(300, 150);

async function richDocx(): Promise<Buffer> {
  return exportDocx(RICH_DOCUMENT, {
    title: "Compte rendu",
    loadImage: async (src) => (src === RICH_IMAGE_SRC ? { data: png, contentType: "image/png" } : null),
  });
}

describe("exportDocx", () => {
  it("writes text LibreOffice reads back: headings, list items, table cells, tasks, emphasis", async () => {
    const text = await readWithLibreOffice(await richDocx(), "docx", "txt");
    for (const expected of [
      "Compte rendu d'hospitalisation",
      "Traitement",
      "Puce un",
      "Sous-puce",
      "Étape un",
      "Étape deux",
      "☑ Tâche faite",
      "☐ Tâche à faire",
      "Molécule",
      "Amoxicilline",
      "1 g x 3",
      "Gras",
      "Souligné",
      "Lien HAS",
      "Citation du médecin",
      "Fin du document",
    ]) {
      expect(text).toContain(expected);
    }
    // Numbered items carry their real numbers.
    expect(text).toMatch(/1\.\s+Étape un/);
    expect(text).toMatch(/2\.\s+Étape deux/);
  }, 60_000);

  it("uses real heading styles, lists, a table, emphasis, a hyperlink and an embedded image", async () => {
    const xml = await readAsOpenDocumentXml(await richDocx(), "docx");
    expect(xml).toMatch(/<text:h [^>]*text:outline-level="1"[^>]*>Compte rendu d&apos;hospitalisation/);
    expect(xml).toMatch(/<text:h [^>]*text:outline-level="2"[^>]*>Traitement/);
    expect(xml).toMatch(/<text:list [\s\S]*Puce un[\s\S]*<text:list[\s\S]*Sous-puce/);
    expect(xml).toMatch(/<table:table [\s\S]*Molécule[\s\S]*Amoxicilline[\s\S]*<\/table:table>/);
    expect(xml).toMatch(/<text:a [^>]*xlink:href="https:\/\/www\.has-sante\.fr\/"/);
    expect(xml).toMatch(/<draw:frame [^>]*draw:name="Radiographie"[\s\S]*<draw:image /);
    for (const [word, property] of [
      ["Gras", 'fo:font-weight="bold"'],
      ["Italique", 'fo:font-style="italic"'],
      ["Souligné", 'style:text-underline-style="solid"'],
      ["Barré", 'style:text-line-through-style="solid"'],
    ] as const) {
      const style = new RegExp(`<text:span text:style-name="([^"]+)">${word}</text:span>`).exec(xml)?.[1];
      expect(style, word).toBeDefined();
      const definition = new RegExp(`<style:style style:name="${style}"[^>]*>[\\s\\S]*?</style:style>`).exec(xml)?.[0];
      expect(definition, word).toContain(property);
    }
    // The centred heading keeps its alignment.
    const headingStyle = /<text:h text:style-name="([^"]+)"[^>]*>Compte rendu/.exec(xml)?.[1];
    expect(new RegExp(`<style:style style:name="${headingStyle}"[\\s\\S]*?</style:style>`).exec(xml)?.[0]).toContain(
      'fo:text-align="center"',
    );
  }, 60_000);

  it("says where an image was when it cannot be read", async () => {
    const docx = await exportDocx(RICH_DOCUMENT, { loadImage: async () => null });
    const text = await readWithLibreOffice(docx, "docx", "txt");
    expect(text).toContain("[Image : Radiographie]");
  }, 60_000);
});
