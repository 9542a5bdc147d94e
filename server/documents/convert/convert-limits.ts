/**
 * Limits on what import and export handle. Fixed here rather than configured: they protect the
 * portal process (memory, CPU, the LibreOffice queue), and a hospital has no reason to raise them
 * above what a Word document of a few hundred pages needs.
 */

/** Largest DOCX or ODT accepted for import (the upload is cut there: 413). */
export const IMPORT_MAX_BYTES = 20 * 1024 ** 2;

/** Most bytes an imported archive may unpack to, and most parts it may have (zip-bomb guard). */
export const IMPORT_MAX_UNCOMPRESSED_BYTES = 200 * 1024 ** 2;
export const IMPORT_MAX_ZIP_ENTRIES = 2_000;

/** An import or export that has not finished after this long is abandoned (LibreOffice is killed). */
export const CONVERSION_TIMEOUT_MS = 60_000;
