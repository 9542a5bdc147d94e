/**
 * WebP images for Word: the `docx` library (and Word before 2019) takes PNG, JPEG, GIF and BMP, not
 * WebP, so a WebP image in a document is re-encoded as PNG (lossless, keeps transparency) when the
 * document is exported, instead of a placeholder. sharp (libvips) does the decoding: it is made for
 * this, already what Next.js uses for images, and runs on its own threads.
 *
 * Bounded like everything an export touches: the input is at most DOCUMENTS_IMAGE_MAX_BYTES (it was
 * stored under that limit), the decoder refuses more than MAX_PIXELS pixels (a tiny WebP may claim
 * a huge canvas), the PNG it produces must also fit DOCUMENTS_IMAGE_MAX_BYTES, and libvips gives up
 * after the deadline. Any of these, or a damaged file, gives null: the export then shows the
 * image's placeholder, as for an image that cannot be read.
 */
import "server-only";
import sharp from "sharp";

/** 40 megapixels: a 7,700 × 5,200 photograph; 160 MB decoded (RGBA). */
export const MAX_PIXELS = 40_000_000;
export const CONVERSION_DEADLINE_SECONDS = 10;

export interface WebpConversionLimits {
  maxBytes: number;
  maxPixels?: number;
  deadlineSeconds?: number;
}

/** The PNG bytes of a WebP image (first frame of an animation), or null when it cannot be within the limits. */
export async function webpToPng(data: Uint8Array, limits: WebpConversionLimits): Promise<Uint8Array | null> {
  if (data.byteLength > limits.maxBytes) return null;
  try {
    const png = await sharp(data, {
      limitInputPixels: limits.maxPixels ?? MAX_PIXELS,
      failOn: "error",
      animated: false,
    })
      .timeout({ seconds: limits.deadlineSeconds ?? CONVERSION_DEADLINE_SECONDS })
      .png({ compressionLevel: 9, adaptiveFiltering: true })
      .toBuffer();
    return png.byteLength <= limits.maxBytes ? new Uint8Array(png.buffer, png.byteOffset, png.byteLength) : null;
  } catch {
    return null;
  }
}
