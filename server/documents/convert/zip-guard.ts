/**
 * Checks a DOCX or ODT (both are zip files) before any library unpacks it, so that a zip bomb —
 * a few kilobytes that inflate to gigabytes — is refused instead of exhausting the portal's memory
 * (mammoth and JSZip inflate entries whole, in memory).
 *
 * The sizes a zip declares can lie, so each entry is actually inflated here, with Node's
 * `maxOutputLength` stopping it at the budget that remains: the check costs one extra inflate of a
 * file that is at most a few tens of megabytes, and nothing is held beyond one entry at a time.
 *
 * Also answers what the archive is: a DOCX has `word/document.xml`; an ODT text document starts
 * with a stored `mimetype` entry `application/vnd.oasis.opendocument.text`.
 */
import "server-only";
import { inflateRawSync } from "node:zlib";
import { AppError } from "@/server/errors";

export interface ZipLimits {
  /** Most entries an archive may hold. */
  maxEntries: number;
  /** Most bytes all entries may inflate to, together. */
  maxTotalUncompressed: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 2_000, maxTotalUncompressed: 200 * 1024 ** 2 };

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export type OfficeKind = "docx" | "odt";

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const ODT_MIMETYPE = "application/vnd.oasis.opendocument.text";

function unreadable(reason: string): AppError {
  return new AppError("BAD_REQUEST", { userMessage: `not a readable DOCX or ODT file: ${reason}` });
}

/** The entries listed in the central directory (throws 400 when there is none or it is damaged). */
export function listZipEntries(zip: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
  const searchFrom = Math.max(0, zip.length - 22 - 0xffff);
  let eocd = -1;
  for (let offset = zip.length - 22; offset >= searchFrom; offset -= 1) {
    if (zip.readUInt32LE(offset) === EOCD_SIGNATURE) {
      eocd = offset;
      break;
    }
  }
  if (eocd < 0) throw unreadable("it is not a zip archive, or it is truncated");
  const count = zip.readUInt16LE(eocd + 10);
  const directoryOffset = zip.readUInt32LE(eocd + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw unreadable("zip64 archives are not accepted");
  if (count > limits.maxEntries) throw unreadable(`more than ${limits.maxEntries} parts`);
  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  for (let index = 0; index < count; index += 1) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== CENTRAL_SIGNATURE) {
      throw unreadable("damaged zip directory");
    }
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    entries.push({
      method: zip.readUInt16LE(offset + 10),
      compressedSize: zip.readUInt32LE(offset + 20),
      uncompressedSize: zip.readUInt32LE(offset + 24),
      localHeaderOffset: zip.readUInt32LE(offset + 42),
      name: zip.toString("utf8", offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The bytes of one entry, inflated, refused past `maxBytes` whatever the zip declares. */
export function readZipEntry(zip: Buffer, entry: ZipEntry, maxBytes: number): Buffer {
  const local = entry.localHeaderOffset;
  if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_SIGNATURE) throw unreadable("damaged zip entry");
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const end = start + entry.compressedSize;
  if (end > zip.length) throw unreadable("it is truncated");
  const raw = zip.subarray(start, end);
  if (entry.method === 0) {
    if (raw.length > maxBytes) throw tooLarge();
    return raw;
  }
  if (entry.method !== 8) throw unreadable("unsupported zip compression");
  try {
    return inflateRawSync(raw, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge();
    throw unreadable("damaged compressed data");
  }
}

function tooLarge(): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", {
    userMessage: "the file unpacks to too much data (zip bomb?); it was not imported",
  });
}

/**
 * Inflates every entry within the limits (throws 413 past them, 400 for a damaged archive) and
 * says whether the archive is a DOCX or an ODT text document (400 for anything else).
 */
export function inspectOfficeZip(zip: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): OfficeKind {
  const entries = listZipEntries(zip, limits);
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > limits.maxTotalUncompressed) throw tooLarge();
  let remaining = limits.maxTotalUncompressed;
  let odtMimetype = false;
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue;
    const data = readZipEntry(zip, entry, remaining);
    remaining -= data.length;
    if (entry.name === "mimetype" && data.toString("latin1").trim() === ODT_MIMETYPE) odtMimetype = true;
  }
  const names = new Set(entries.map((entry) => entry.name));
  if (names.has("word/document.xml") && names.has("[Content_Types].xml")) return "docx";
  if (odtMimetype && names.has("content.xml")) return "odt";
  throw unreadable("it is neither a Word (DOCX) nor an OpenDocument text (ODT) document");
}
