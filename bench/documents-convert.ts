/**
 * Import and export of a realistic document (a 40-page discharge summary: 120 sections, each a
 * heading, two paragraphs with emphasis and a link, a bullet list and a task list; a table; two
 * images), in this process, without a portal:
 * - export: DOCX (docx library), ODT and PDF (LibreOffice, from that DOCX), Markdown — median of
 *   BENCH_RUNS runs each;
 * - import: the DOCX just written, read back through the import worker — median, and the longest
 *   pause of this process's event loop while it ran (it should stay near the timer's 10 ms, since
 *   the work happens in the worker).
 * Prints one JSON line `{"benchmark":"documents-convert", …}`.
 */
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { JSONContent } from "@tiptap/core";
import { median, note, printResult, round } from "@/bench/support/stats";
import { exportDocx } from "@/server/documents/convert/export-docx";
import { exportMarkdown } from "@/server/documents/convert/export-markdown";
import { convertWithLibreOffice } from "@/server/documents/convert/libreoffice";
import { runImportDocx } from "@/server/documents/convert/worker/run-import-docx";
import { makePng } from "@/test/fixtures/documents/make-png";

const RUNS = Math.min(Math.max(Number(process.env.BENCH_RUNS) || 3, 1), 20);
const SOFFICE = process.env.LIBREOFFICE_PATH ?? "soffice";
const IMAGE_SRC = "/api/document-images/11111111-1111-4111-8111-111111111111/22222222-2222-4222-8222-222222222222";
const png = makePng(800, 400);

function text(value: string, ...marks: string[]): JSONContent {
  return { type: "text", text: value, ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}) };
}
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });

function realisticDocument(sections: number): JSONContent {
  const content: JSONContent[] = [
    { type: "heading", attrs: { level: 1 }, content: [text("Compte rendu d'hospitalisation")] },
  ];
  for (let index = 1; index <= sections; index += 1) {
    content.push(
      { type: "heading", attrs: { level: 2 }, content: [text(`Section ${index} — évolution clinique`)] },
      paragraph(
        text("Le patient a été admis pour "),
        text("douleur thoracique", "bold"),
        text(" ; l'examen clinique retrouve une "),
        text("auscultation normale", "italic"),
        text(". Voir "),
        {
          type: "text",
          text: "la recommandation",
          marks: [{ type: "link", attrs: { href: "https://www.has-sante.fr/" } }],
        },
        text("."),
      ),
      paragraph(
        text("Traitement poursuivi, surveillance des constantes toutes les quatre heures, bilan biologique à J2."),
      ),
      {
        type: "bulletList",
        content: ["Paracétamol 1 g", "Héparine préventive", "Kinésithérapie"].map((item) => ({
          type: "listItem",
          content: [paragraph(text(item))],
        })),
      },
      {
        type: "taskList",
        content: [
          { type: "taskItem", attrs: { checked: true }, content: [paragraph(text("Ordonnance remise"))] },
          { type: "taskItem", attrs: { checked: false }, content: [paragraph(text("Rendez-vous de contrôle"))] },
        ],
      },
    );
    if (index % 60 === 0) content.push({ type: "image", attrs: { src: IMAGE_SRC, alt: "Radiographie" } });
  }
  const row = (cells: string[], type: string): JSONContent => ({
    type: "tableRow",
    content: cells.map((value) => ({ type, content: [paragraph(text(value))] })),
  });
  content.push({
    type: "table",
    content: [
      row(["Molécule", "Posologie", "Durée"], "tableHeader"),
      ...Array.from({ length: 20 }, (_, index) => row([`Molécule ${index}`, "1 g x 3", "7 jours"], "tableCell")),
    ],
  });
  return { type: "doc", content };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

async function main(): Promise<void> {
  const doc = realisticDocument(120);
  const loadImage = async (src: string) => (src === IMAGE_SRC ? { data: png, contentType: "image/png" } : null);
  const dir = await mkdtemp(path.join(tmpdir(), "bench-convert-"));
  try {
    const docxRuns: number[] = [];
    let docx: Buffer = Buffer.alloc(0);
    for (let run = 0; run < RUNS; run += 1) {
      const result = await timed(() => exportDocx(doc, { loadImage }));
      docxRuns.push(result.ms);
      docx = result.value;
    }
    note(`docx ${docx.length} bytes, ${round(median(docxRuns))} ms`);
    const markdownRuns: number[] = [];
    let markdownBytes = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const result = await timed(async () => exportMarkdown(doc, "https://portail.example"));
      markdownRuns.push(result.ms);
      markdownBytes = Buffer.byteLength(result.value);
    }
    const input = path.join(dir, "document.docx");
    await writeFile(input, docx);
    const sofficeRuns: Record<"odt" | "pdf", number[]> = { odt: [], pdf: [] };
    const sizes: Record<"odt" | "pdf", number> = { odt: 0, pdf: 0 };
    for (const target of ["odt", "pdf"] as const) {
      for (let run = 0; run < RUNS; run += 1) {
        const outDir = path.join(dir, `${target}-${run}`);
        const result = await timed(() =>
          convertWithLibreOffice({ inputPath: input, outDir, target, command: SOFFICE }),
        );
        sofficeRuns[target].push(result.ms);
        sizes[target] = (await stat(result.value)).size;
      }
      note(`${target} ${sizes[target]} bytes, ${round(median(sofficeRuns[target]))} ms`);
    }
    const importRuns: number[] = [];
    let longestPauseMs = 0;
    let blocks = 0;
    for (let run = 0; run < RUNS; run += 1) {
      let last = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        longestPauseMs = Math.max(longestPauseMs, now - last);
        last = now;
      }, 10);
      const result = await timed(() => runImportDocx(docx, { maxImageBytes: 5 * 1024 ** 2, timeoutMs: 120_000 }));
      clearInterval(timer);
      importRuns.push(result.ms);
      blocks = result.value.content.content?.length ?? 0;
    }
    printResult({
      benchmark: "documents-convert",
      sections: 120,
      runs: RUNS,
      docxBytes: docx.length,
      exportDocxMs: round(median(docxRuns)),
      exportMarkdownMs: round(median(markdownRuns)),
      markdownBytes,
      exportOdtMs: round(median(sofficeRuns.odt)),
      odtBytes: sizes.odt,
      exportPdfMs: round(median(sofficeRuns.pdf)),
      pdfBytes: sizes.pdf,
      importDocxMs: round(median(importRuns)),
      importedBlocks: blocks,
      eventLoopLongestPauseDuringImportMs: round(longestPauseMs),
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
