// Every export format, read back by an independent reader: LibreOffice for ODT, pdftotext and
// pdfimages for PDF, the Markdown text itself for GFM.
import { existsSync } from "node:fs";
import { text as streamText, buffer as streamBuffer } from "node:stream/consumers";
import { beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { exportDocument, type ExportFormat } from "@/server/documents/convert/export-document";
import { RICH_DOCUMENT, RICH_IMAGE_SRC } from "@/test/fixtures/documents/rich-document";
import { makePng } from "@/test/fixtures/documents/make-png";
import { pdfImageCount, pdfToText, readAsOpenDocumentXml } from "@/test/fixtures/documents/independent-reader";

beforeAll(() => setTestEnv());

const png = makePng(120, 60);

function exportRich(format: ExportFormat, pdfA = false) {
  return exportDocument({
    content: RICH_DOCUMENT,
    format,
    title: "Compte rendu",
    origin: "https://portail.chu.example",
    pdfA,
    loadImage: async (src) => (src === RICH_IMAGE_SRC ? { data: png, contentType: "image/png" } : null),
  });
}

describe("exportDocument", () => {
  it("md: GFM headings, emphasis, lists, task list, table, and images linked to the portal", async () => {
    const file = await exportRich("md");
    expect(file.contentType).toBe("text/markdown; charset=utf-8");
    const markdown = await streamText(file.body);
    expect(markdown).toContain("# Compte rendu d'hospitalisation");
    expect(markdown).toContain("## Traitement");
    expect(markdown).toContain("**Gras**");
    expect(markdown).toContain("*Italique*");
    expect(markdown).toContain("<u>Souligné</u>");
    expect(markdown).toContain("~~Barré~~");
    expect(markdown).toContain("[Lien HAS](https://www.has-sante.fr/)");
    expect(markdown).toMatch(/^- Puce un$/m);
    expect(markdown).toMatch(/^\s+- Sous-puce$/m);
    expect(markdown).toMatch(/^1\. Étape un$/m);
    expect(markdown).toMatch(/^- \[x\] Tâche faite$/m);
    expect(markdown).toMatch(/^- \[ \] Tâche à faire$/m);
    expect(markdown).toMatch(/^\| Molécule\s+\| Posologie\s+\|$/m);
    expect(markdown).toMatch(/^\| Amoxicilline\s+\| 1 g x 3\s+\|$/m);
    expect(markdown).toContain(`![Radiographie](https://portail.chu.example${RICH_IMAGE_SRC})`);
    expect(markdown).toMatch(/^> Citation du médecin/m);
    expect(file.size).toBe(Buffer.byteLength(markdown));
  });

  it("odt: an OpenDocument text with headings, lists, table and the image, as LibreOffice reads it", async () => {
    const file = await exportRich("odt");
    expect(file.contentType).toBe("application/vnd.oasis.opendocument.text");
    const odt = await streamBuffer(file.body);
    expect(odt.length).toBe(file.size);
    const xml = await readAsOpenDocumentXml(odt, "odt");
    expect(xml).toMatch(/<text:h [^>]*text:outline-level="2"[^>]*>Traitement/);
    expect(xml).toMatch(/<text:list [\s\S]*Étape un/);
    expect(xml).toMatch(/<table:table [\s\S]*Amoxicilline/);
    expect(xml).toMatch(/<draw:image /);
    await file.dispose();
  }, 60_000);

  it("pdf: text and image present (pdftotext, pdfimages), temporary files removed after streaming", async () => {
    const file = await exportRich("pdf");
    expect(file.contentType).toBe("application/pdf");
    const pdf = await streamBuffer(file.body);
    const text = await pdfToText(pdf);
    for (const expected of [
      "Compte rendu d'hospitalisation",
      "Traitement",
      "Sous-puce",
      "Étape deux",
      "☑ Tâche faite",
      "Amoxicilline",
      "Fin du document",
    ]) {
      expect(text).toContain(expected);
    }
    expect(await pdfImageCount(pdf)).toBeGreaterThanOrEqual(1);
    // The stream closed: its temporary folder goes with it.
    expect(file.tempDir).not.toBeNull();
    await expect.poll(() => existsSync(file.tempDir ?? "")).toBe(false);
  }, 60_000);
});
