// Image uploads: the type comes from the bytes (magic numbers), SVG/HTML disguised as images are
// refused, and an upload larger than the limit stops as soon as it passes it.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { sniffImageType } from "@/server/documents/images/sniff-image-type";
import { readImageUpload } from "@/server/documents/images/read-image-upload";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
const JPEG = Buffer.from("ffd8ffe000104a464946000101", "hex");
const GIF = Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00", "latin1");
const WEBP = Buffer.concat([Buffer.from("RIFF"), Buffer.from([0x24, 0, 0, 0]), Buffer.from("WEBPVP8 ")]);

describe("sniffImageType", () => {
  it("recognises PNG, JPEG, GIF and WebP by their first bytes", () => {
    expect(sniffImageType(PNG)).toBe("image/png");
    expect(sniffImageType(JPEG)).toBe("image/jpeg");
    expect(sniffImageType(GIF)).toBe("image/gif");
    expect(sniffImageType(WEBP)).toBe("image/webp");
  });

  it("refuses SVG, HTML, a RIFF that is not WebP, and too few bytes", () => {
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'))).toBeNull();
    expect(sniffImageType(Buffer.from("<!doctype html><script>alert(1)</script>"))).toBeNull();
    expect(sniffImageType(Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WAVE")]))).toBeNull();
    expect(sniffImageType(Buffer.from([0x89, 0x50]))).toBeNull();
  });
});

function chunks(...parts: Buffer[]): Readable {
  return Readable.from(parts);
}

describe("readImageUpload", () => {
  it("reads an image split into small chunks, with its hash", async () => {
    const body = Buffer.concat([PNG, Buffer.alloc(100, 1)]);
    const image = await readImageUpload(chunks(body.subarray(0, 3), body.subarray(3, 10), body.subarray(10)), 1000);
    expect(image.contentType).toBe("image/png");
    expect(image.data.equals(body)).toBe(true);
    expect(image.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("answers 415 for a file that is not an accepted image", async () => {
    await expect(
      readImageUpload(chunks(Buffer.from("<svg><script>alert(1)</script></svg>")), 1000),
    ).rejects.toMatchObject({
      code: "UNSUPPORTED_MEDIA_TYPE",
      status: 415,
    });
  });

  it("answers 413 once the upload passes the limit, without reading the rest", async () => {
    let served = 0;
    const endless = new Readable({
      read() {
        served += 1;
        this.push(served === 1 ? PNG : Buffer.alloc(1024, 0));
      },
    });
    await expect(readImageUpload(endless, 4096)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413 });
    expect(served).toBeLessThan(10);
    endless.destroy();
  });
});
