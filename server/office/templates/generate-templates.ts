/**
 * Writes the blank office documents the portal ships (server/office/templates/blank.*), once:
 * `npx tsx server/office/templates/generate-templates.ts`. The outputs are committed; this script
 * documents how they were made and remakes them if needed.
 *
 *   blank.docx  the `docx` library (a real Word package with its styles)
 *   blank.odt   LibreOffice from blank.docx (`soffice --convert-to odt`)
 *   blank.xlsx, blank.pptx, blank.ods, blank.odp   minimal valid packages written part by part
 *               (ECMA-376 and ODF 1.3: the smallest set of parts each application requires),
 *               because the Writer-only LibreOffice of the servers cannot create spreadsheets
 *               or presentations, and a library for three XML files would be heavier than them.
 *
 * Zip entries get a fixed date so that regenerating gives identical bytes.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { ZipArchive } from "archiver";
import { Document, Packer, Paragraph } from "docx";
import { ODF_MANIFEST, ODP_CONTENT, ODP_STYLES, ODS_CONTENT, PPTX_PARTS, XLSX_PARTS } from "./template-parts";

const OUT = path.dirname(new URL(import.meta.url).pathname);
const FIXED_DATE = new Date("2026-01-01T00:00:00Z");

async function zip(entries: Array<{ name: string; data: string; store?: boolean }>): Promise<Buffer> {
  const archive = new ZipArchive({ zlib: { level: 9 } });
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    sink.on("end", resolve);
    archive.on("error", reject);
  });
  archive.pipe(sink);
  for (const entry of entries) archive.append(entry.data, { name: entry.name, date: FIXED_DATE, store: entry.store });
  await archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function blankDocx(): Promise<Buffer> {
  const document = new Document({
    creator: "Portail",
    title: "",
    sections: [{ children: [new Paragraph({})] }],
  });
  return Packer.toBuffer(document);
}

function odtFrom(docx: Buffer): Buffer {
  const work = mkdtempSync(path.join(tmpdir(), "office-templates-"));
  try {
    writeFileSync(path.join(work, "blank.docx"), docx);
    execFileSync(
      process.env.LIBREOFFICE_PATH ?? "soffice",
      [
        `-env:UserInstallation=file://${work}/profile`,
        "--headless",
        "--norestore",
        "--convert-to",
        "odt",
        "--outdir",
        work,
        path.join(work, "blank.docx"),
      ],
      { stdio: "ignore", timeout: 60_000 },
    );
    return readFileSync(path.join(work, "blank.odt"));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function odf(mimeType: string, content: string, styles?: string) {
  // ODF: `mimetype` first and stored uncompressed, so the type is readable at a fixed offset.
  return zip([
    { name: "mimetype", data: mimeType, store: true },
    { name: "META-INF/manifest.xml", data: ODF_MANIFEST(mimeType, styles !== undefined) },
    { name: "content.xml", data: content },
    ...(styles !== undefined ? [{ name: "styles.xml", data: styles }] : []),
  ]);
}

async function main(): Promise<void> {
  const docx = await blankDocx();
  writeFileSync(path.join(OUT, "blank.docx"), docx);
  writeFileSync(path.join(OUT, "blank.odt"), odtFrom(docx));
  writeFileSync(path.join(OUT, "blank.xlsx"), await zip(XLSX_PARTS));
  writeFileSync(path.join(OUT, "blank.pptx"), await zip(PPTX_PARTS));
  writeFileSync(path.join(OUT, "blank.ods"), await odf("application/vnd.oasis.opendocument.spreadsheet", ODS_CONTENT));
  writeFileSync(
    path.join(OUT, "blank.odp"),
    await odf("application/vnd.oasis.opendocument.presentation", ODP_CONTENT, ODP_STYLES),
  );
}

await main();
