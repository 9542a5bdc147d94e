// The LibreOffice runner against the real soffice: formats, PDF/A, parallel conversions with their
// own profiles, the timeout killing the whole process group, and clear failures.
import { readdirSync, readFileSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { convertWithLibreOffice, createWorkDir, LibreOfficeError } from "@/server/documents/convert/libreoffice";
import { exportDocx } from "@/server/documents/convert/export-docx";
import { RICH_DOCUMENT } from "@/test/fixtures/documents/rich-document";
import { pdfMetadata, pdfToText } from "@/test/fixtures/documents/independent-reader";

async function docxIn(dir: string, name = "document.docx"): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, await exportDocx(RICH_DOCUMENT, { loadImage: async () => null }));
  return file;
}

/** Processes whose command line names a conversion profile (read from /proc: no pgrep needed). */
function sofficeProcesses(): string[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("portal-lo-profile-");
      } catch {
        return false; // the process ended while we looked
      }
    });
}

beforeAll(() => setTestEnv());

describe("convertWithLibreOffice", () => {
  it("converts DOCX to PDF, and to PDF/A-2b when asked", async () => {
    const work = await createWorkDir();
    try {
      const input = await docxIn(work.dir);
      const pdf = await readFile(
        await convertWithLibreOffice({ inputPath: input, outDir: path.join(work.dir, "a"), target: "pdf" }),
      );
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(await pdfToText(pdf)).toContain("Amoxicilline");
      expect(await pdfMetadata(pdf)).not.toContain("pdfaid:part");

      const archival = await readFile(
        await convertWithLibreOffice({ inputPath: input, outDir: path.join(work.dir, "b"), target: "pdf", pdfA: true }),
      );
      const metadata = await pdfMetadata(archival);
      expect(metadata).toMatch(/pdfaid:part>2<|pdfaid:part="2"/);
      expect(metadata).toMatch(/pdfaid:conformance>B<|pdfaid:conformance="B"/);
    } finally {
      await work.dispose();
    }
  }, 90_000);

  it("runs conversions side by side, each with its own profile, and leaves no temporary profile behind", async () => {
    const work = await createWorkDir();
    const before = (await readdir(tmpdir())).filter((name) => name.startsWith("portal-lo-profile-")).length;
    try {
      const inputs = await Promise.all([1, 2, 3].map((n) => docxIn(work.dir, `document-${n}.docx`)));
      const outputs = await Promise.all(
        inputs.map((inputPath) => convertWithLibreOffice({ inputPath, outDir: work.dir, target: "odt" })),
      );
      for (const output of outputs) {
        expect((await readFile(output)).subarray(30, 38).toString("latin1")).toBe("mimetype");
      }
    } finally {
      await work.dispose();
    }
    const after = (await readdir(tmpdir())).filter((name) => name.startsWith("portal-lo-profile-")).length;
    expect(after).toBeLessThanOrEqual(before);
  }, 90_000);

  it("kills the whole conversion (every process of its group) at the timeout", async () => {
    const work = await createWorkDir();
    try {
      const input = await docxIn(work.dir);
      const conversion = convertWithLibreOffice({
        inputPath: input,
        outDir: work.dir,
        target: "pdf",
        timeoutMs: 800,
      }).catch((error: unknown) => error);
      // LibreOffice is running (its launcher and soffice.bin, with this conversion's profile)…
      await expect.poll(() => sofficeProcesses().length, { timeout: 800, interval: 20 }).toBeGreaterThan(0);
      const failure = await conversion;
      expect(failure).toBeInstanceOf(LibreOfficeError);
      expect((failure as LibreOfficeError).kind).toBe("timeout");
      // …and once the deadline passed, none of its processes is left.
      await expect.poll(() => sofficeProcesses(), { timeout: 2000 }).toEqual([]);
    } finally {
      await work.dispose();
    }
  }, 30_000);

  it("fails clearly on an input it cannot open, and when LibreOffice is not installed", async () => {
    const work = await createWorkDir();
    try {
      // The start of a zip archive, cut short: LibreOffice says "source file could not be loaded" and exits 0.
      const input = path.join(work.dir, "broken.odt");
      await writeFile(input, (await readFile(await docxIn(work.dir))).subarray(0, 3000));
      const unreadable = await convertWithLibreOffice({ inputPath: input, outDir: work.dir, target: "docx" }).catch(
        (error: unknown) => error,
      );
      expect(unreadable).toMatchObject({ kind: "failed" });

      const missing = await convertWithLibreOffice({
        inputPath: input,
        outDir: work.dir,
        target: "pdf",
        command: "/nonexistent/soffice",
      }).catch((error: unknown) => error);
      expect(missing).toMatchObject({ kind: "missing" });
    } finally {
      await work.dispose();
    }
  }, 60_000);
});
