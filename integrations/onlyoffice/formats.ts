/**
 * Which files the OnlyOffice Document Server opens, as which editor (`documentType`), and whether
 * it can save them back in their own format.
 *
 * Why a table of our own rather than "anything": the Document Server silently converts formats it
 * cannot save natively (a .doc opens as a DOCX copy) and its callback then returns the converted
 * file, which would overwrite a .doc with DOCX bytes. So legacy binary formats open read-only and
 * the page offers "convert to DOCX" instead (ConvertService). `documentType` `pdf` needs 8.1+.
 */
import "server-only";

export type DocumentType = "word" | "cell" | "slide" | "pdf";

interface FormatInfo {
  documentType: DocumentType;
  /** Saved back in the same format by the Document Server (OOXML, ODF, plain text and CSV). */
  editable: boolean;
  /** A modern equivalent the ConvertService can produce for legacy formats. */
  convertTo?: "docx" | "xlsx" | "pptx";
}

const FORMATS: Readonly<Record<string, FormatInfo>> = {
  docx: { documentType: "word", editable: true },
  docm: { documentType: "word", editable: true },
  dotx: { documentType: "word", editable: true },
  odt: { documentType: "word", editable: true },
  ott: { documentType: "word", editable: true },
  rtf: { documentType: "word", editable: true },
  txt: { documentType: "word", editable: true },
  doc: { documentType: "word", editable: false, convertTo: "docx" },
  xlsx: { documentType: "cell", editable: true },
  xlsm: { documentType: "cell", editable: true },
  xltx: { documentType: "cell", editable: true },
  ods: { documentType: "cell", editable: true },
  ots: { documentType: "cell", editable: true },
  csv: { documentType: "cell", editable: true },
  xls: { documentType: "cell", editable: false, convertTo: "xlsx" },
  pptx: { documentType: "slide", editable: true },
  ppsx: { documentType: "slide", editable: true },
  potx: { documentType: "slide", editable: true },
  odp: { documentType: "slide", editable: true },
  otp: { documentType: "slide", editable: true },
  ppt: { documentType: "slide", editable: false, convertTo: "pptx" },
  pdf: { documentType: "pdf", editable: false },
};

/** The lower-case extension of a file name, without the dot ("" when there is none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/** The Document Server's facts about an extension, or null when it does not open it. */
export function onlyOfficeFormat(extension: string): FormatInfo | null {
  return Object.hasOwn(FORMATS, extension) ? (FORMATS[extension] ?? null) : null;
}

export function documentTypeFor(extension: string): DocumentType | null {
  return onlyOfficeFormat(extension)?.documentType ?? null;
}

export const ONLYOFFICE_EXTENSIONS: readonly string[] = Object.keys(FORMATS);
