// WebP images in the DOCX export: re-encoded as PNG (webp-to-png.ts), embedded, and read back by an
// independent reader — LibreOffice opening the DOCX and saving it as ODT, whose picture is decoded
// and compared pixel by pixel with the original. Within limits only: too big once decoded, too
// many pixels, or damaged → the image's placeholder, never a failed export.
import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { setTestEnv } from "@/test/support/test-env";
import { exportDocx } from "@/server/documents/convert/export-docx";
import { webpToPng } from "@/server/documents/convert/webp-to-png";
import { listZipEntries, readZipEntry } from "@/server/documents/convert/zip-guard";
import { convertWithSoffice, readWithLibreOffice } from "@/test/fixtures/documents/independent-reader";
import type { JSONContent } from "@tiptap/core";

setTestEnv();

const SRC = "/api/document-images/11111111-1111-4111-8111-111111111111/22222222-2222-4222-8222-222222222222";

const document: JSONContent = {
  type: "doc",
  content: [
    { type: "paragraph", content: [{ type: "text", text: "Avant l'image" }] },
    { type: "image", attrs: { src: SRC, alt: "Schéma" } },
    { type: "paragraph", content: [{ type: "text", text: "Après l'image" }] },
  ],
};

/** A real WebP (libwebp, lossless): left half red, right half blue, 120 × 80. */
async function twoColourWebp(): Promise<Buffer> {
  const width = 120;
  const height = 80;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 3;
      if (x < width / 2) pixels[offset] = 220;
      else pixels[offset + 2] = 200;
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .webp({ lossless: true })
    .toBuffer();
}

function media(zip: Buffer, prefix: string): Buffer[] {
  return listZipEntries(zip)
    .filter((entry) => entry.name.startsWith(prefix) && !entry.name.endsWith("/"))
    .map((entry) => readZipEntry(zip, entry, 50 * 1024 ** 2));
}

async function pixel(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return [data[offset] ?? -1, data[offset + 1] ?? -1, data[offset + 2] ?? -1];
}

describe("WebP images in the DOCX export", () => {
  it("embeds them as PNG, which LibreOffice reads back with the same size and pixels", async () => {
    const webp = await twoColourWebp();
    expect(webp.subarray(8, 12).toString("ascii")).toBe("WEBP");
    const docx = await exportDocx(document, {
      loadImage: async (src) => (src === SRC ? { data: webp, contentType: "image/webp" } : null),
    });

    const [embedded, ...others] = media(docx, "word/media/");
    expect(others).toHaveLength(0);
    expect(embedded?.subarray(1, 4).toString("ascii")).toBe("PNG");

    // The independent reader: LibreOffice opens the DOCX and writes an ODT; its picture is ours.
    const odt = await convertWithSoffice(docx, "docx", "odt");
    const pictures = media(odt, "Pictures/");
    expect(pictures).toHaveLength(1);
    const picture = pictures[0] ?? Buffer.alloc(0);
    const metadata = await sharp(picture).metadata();
    expect([metadata.width, metadata.height]).toEqual([120, 80]);
    expect(await pixel(picture, 10, 40)).toEqual([220, 0, 0]);
    expect(await pixel(picture, 110, 40)).toEqual([0, 0, 200]);
    const text = await readWithLibreOffice(docx, "docx", "txt");
    expect(text).toContain("Avant l'image");
    expect(text).not.toContain("[Image");
  }, 90_000);

  it("shows the placeholder when the re-encoded image would exceed the image size limit", async () => {
    const webp = await twoColourWebp();
    const docx = await exportDocx(document, {
      loadImage: async () => ({ data: webp, contentType: "image/webp" }),
      // The WebP fits; its PNG (about 300 bytes here) does not.
      maxImageBytes: webp.byteLength + 1,
    });
    expect((await webpToPng(webp, { maxBytes: 1_000_000 }))?.byteLength).toBeGreaterThan(webp.byteLength + 1);
    expect(media(docx, "word/media/")).toHaveLength(0);
    expect(await readWithLibreOffice(docx, "docx", "txt")).toContain("[Image : Schéma]");
  }, 90_000);

  it("refuses, without failing the export, a damaged WebP, one over the byte limit, and one over the pixel limit", async () => {
    const webp = await twoColourWebp();
    const damaged = Buffer.concat([webp.subarray(0, 30), Buffer.alloc(200, 7)]);
    expect(await webpToPng(damaged, { maxBytes: 1_000_000 })).toBeNull();
    expect(await webpToPng(webp, { maxBytes: webp.byteLength - 1 })).toBeNull();
    // 120 × 80 = 9,600 pixels: over a 9,000-pixel limit (a tiny file may declare a huge canvas).
    expect(await webpToPng(webp, { maxBytes: 1_000_000, maxPixels: 9_000 })).toBeNull();
    expect(await webpToPng(webp, { maxBytes: 1_000_000, maxPixels: 9_600 })).not.toBeNull();

    const docx = await exportDocx(document, {
      loadImage: async () => ({ data: damaged, contentType: "image/webp" }),
    });
    expect(media(docx, "word/media/")).toHaveLength(0);
    expect(await readWithLibreOffice(docx, "docx", "txt")).toContain("[Image : Schéma]");
  }, 90_000);
});
