/**
 * Width and height of a PNG, JPEG or GIF from its header bytes: a DOCX must state the size an
 * image is drawn at, and the portal stores images without it. Reading the header is enough
 * (no decoding, no native dependency). Null when the bytes are not one of these or are cut short.
 */
export interface ImageDimensions {
  width: number;
  height: number;
}

export function readImageDimensions(data: Uint8Array): ImageDimensions | null {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  // PNG: signature, then the IHDR chunk whose data starts with width and height (big-endian).
  if (data.length >= 24 && data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) {
    return positive(view.getUint32(16), view.getUint32(20));
  }
  // GIF: "GIF8", then the logical screen width and height (little-endian).
  if (data.length >= 10 && data[0] === 0x47 && data[1] === 0x49 && data[2] === 0x46 && data[3] === 0x38) {
    return positive(view.getUint16(6, true), view.getUint16(8, true));
  }
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) return readJpegDimensions(view);
  return null;
}

/** Walks the JPEG segments up to the first start-of-frame (SOFn), which holds the size. */
function readJpegDimensions(view: DataView): ImageDimensions | null {
  let offset = 2;
  while (offset + 9 <= view.byteLength) {
    if (view.getUint8(offset) !== 0xff) return null;
    const marker = view.getUint8(offset + 1);
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) return positive(view.getUint16(offset + 7), view.getUint16(offset + 5));
    const length = view.getUint16(offset + 2);
    if (length < 2) return null;
    offset += 2 + length;
  }
  return null;
}

function positive(width: number, height: number): ImageDimensions | null {
  return width > 0 && height > 0 ? { width, height } : null;
}
