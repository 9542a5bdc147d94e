// The import worker: same result as in-process, the caller's event loop stays free while a large
// document is read, the deadline stops the work (504), and a broken file is still a clear 400.
import { Document, Packer, Paragraph, TextRun } from "docx";
import { describe, expect, it } from "vitest";
import { runImportDocx } from "@/server/documents/convert/worker/run-import-docx";
import { richWordDocument } from "@/test/fixtures/documents/word-fixtures";
import { writeZip } from "@/test/fixtures/documents/hostile-files";

async function largeWordDocument(paragraphs: number): Promise<Buffer> {
  const children = Array.from(
    { length: paragraphs },
    (_, index) =>
      new Paragraph({ children: [new TextRun(`Ligne ${index} du compte rendu, avec une phrase réaliste.`)] }),
  );
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

describe("runImportDocx", () => {
  it("reads a DOCX in a worker, images returned as Buffers", async () => {
    const { content, images } = await runImportDocx(await richWordDocument(), {
      maxImageBytes: 1_000_000,
      timeoutMs: 30_000,
    });
    expect(JSON.stringify(content)).toContain("Protocole de soins");
    expect(images).toHaveLength(1);
    expect(Buffer.isBuffer(images[0]?.upload.data)).toBe(true);
  });

  it("keeps the caller's event loop free while a large document is read", async () => {
    const docx = await largeWordDocument(6_000);
    let ticks = 0;
    let longestGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks += 1;
    }, 10);
    const started = performance.now();
    const { content } = await runImportDocx(docx, { maxImageBytes: 1_000_000, timeoutMs: 60_000 });
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(content.content?.length).toBe(6_000);
    // The import takes a while; the timer kept firing all along (structured clone of the answer
    // is the only work on this thread).
    expect(ticks).toBeGreaterThan(elapsed / 10 / 4);
    expect(longestGap).toBeLessThan(Math.max(500, elapsed / 2));
  }, 90_000);

  it("stops at the deadline with a 504", async () => {
    const docx = await largeWordDocument(6_000);
    await expect(runImportDocx(docx, { maxImageBytes: 1_000_000, timeoutMs: 50 })).rejects.toMatchObject({
      status: 504,
    });
  }, 30_000);

  it("answers 400 for a DOCX whose content mammoth cannot read", async () => {
    const broken = writeZip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "word/document.xml", data: Buffer.from("<not-closed") },
    ]);
    await expect(runImportDocx(broken, { maxImageBytes: 1_000_000, timeoutMs: 30_000 })).rejects.toMatchObject({
      status: 400,
    });
  }, 30_000);
});
