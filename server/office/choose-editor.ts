/**
 * Which editor opens a file, from its extension and what is configured:
 *
 *   - only OnlyOffice configured (ONLYOFFICE_URL + ONLYOFFICE_JWT_SECRET): every format it opens;
 *   - only a WOPI client (WOPI_DISCOVERY_URL): every office format (the client's discovery
 *     decides, when the session opens, whether it has an action for it);
 *   - both: OnlyOffice for the extensions in OFFICE_ONLYOFFICE_FORMATS (default: the OOXML and ODF
 *     formats docx, xlsx, pptx, odt, ods, odp), the WOPI client for every other office format
 *     (legacy .doc/.xls/.ppt, .rtf, .csv…, which Collabora edits in place);
 *   - neither: none (Files downloads the file).
 */
import "server-only";
import type { TEnv } from "@/server/env";
import { extensionOf, onlyOfficeFormat } from "@/integrations/onlyoffice/formats";

export type OfficeEditor = "onlyoffice" | "wopi";

/** Extensions Files treats as office documents (opened in the editor page when one is configured). */
export const OFFICE_EXTENSIONS: ReadonlySet<string> = new Set([
  "docx",
  "docm",
  "dotx",
  "odt",
  "ott",
  "rtf",
  "doc",
  "xlsx",
  "xlsm",
  "xltx",
  "ods",
  "ots",
  "csv",
  "xls",
  "pptx",
  "ppsx",
  "potx",
  "odp",
  "otp",
  "ppt",
]);

type EditorConfigKeys = "ONLYOFFICE_URL" | "ONLYOFFICE_JWT_SECRET" | "WOPI_DISCOVERY_URL" | "OFFICE_ONLYOFFICE_FORMATS";

export function chooseEditor(fileName: string, config: Pick<TEnv, EditorConfigKeys>): OfficeEditor | null {
  const extension = extensionOf(fileName);
  if (!OFFICE_EXTENSIONS.has(extension)) return null;
  const onlyOffice = config.ONLYOFFICE_URL !== undefined && config.ONLYOFFICE_JWT_SECRET !== undefined;
  const wopi = config.WOPI_DISCOVERY_URL !== undefined;
  const onlyOfficeOpensIt = onlyOffice && onlyOfficeFormat(extension) !== null;
  if (onlyOfficeOpensIt && (!wopi || config.OFFICE_ONLYOFFICE_FORMATS.includes(extension))) return "onlyoffice";
  if (wopi) return "wopi";
  return onlyOfficeOpensIt ? "onlyoffice" : null;
}

export function isOfficeConfigured(config: Pick<TEnv, EditorConfigKeys>): boolean {
  return (
    config.WOPI_DISCOVERY_URL !== undefined ||
    (config.ONLYOFFICE_URL !== undefined && config.ONLYOFFICE_JWT_SECRET !== undefined)
  );
}

/** The extensions some configured editor opens, for Files' "open" action. */
export function openableExtensions(config: Pick<TEnv, EditorConfigKeys>): string[] {
  return [...OFFICE_EXTENSIONS].filter((extension) => chooseEditor(`x.${extension}`, config) !== null);
}
