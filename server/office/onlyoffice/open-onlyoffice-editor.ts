/**
 * What the editor page needs to start OnlyOffice on a file: the Document Server's address (for its
 * api.js) and the signed editor config for this user (integrations/onlyoffice/editor-config.ts),
 * with the file's current document key and the signed URLs the Document Server will call.
 */
import "server-only";
import { AppError } from "@/server/errors";
import { env } from "@/server/env";
import type { PortalUser } from "@/server/auth/portal-user";
import { buildEditorConfig, type EditorConfig, type EditorMode } from "@/integrations/onlyoffice/editor-config";
import { extensionOf, onlyOfficeFormat } from "@/integrations/onlyoffice/formats";
import { resolveOfficeFile } from "@/server/office/resolve-office-file";
import { onlyOfficeSettings } from "@/server/office/onlyoffice/onlyoffice-settings";
import { documentServerLink } from "@/server/office/onlyoffice/document-server-links";
import { keyForOpening } from "@/server/office/onlyoffice/document-keys";

export interface OnlyOfficeEditorStart {
  documentServerUrl: string;
  config: EditorConfig;
  /** A legacy format (.doc, .xls, .ppt) opened read-only: the page offers to convert it. */
  convertibleTo: string | null;
}

function parentFolder(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash <= 0 ? "/" : path.slice(0, slash);
}

export async function openOnlyOfficeEditor(
  user: PortalUser,
  fileId: string,
  options: { mode: EditorMode; lang: string; signal?: AbortSignal },
): Promise<OnlyOfficeEditorStart> {
  const config = env();
  const settings = onlyOfficeSettings(config);
  if (!settings) throw new AppError("NOT_CONFIGURED", { userMessage: "OnlyOffice is not configured" });
  const entry = await resolveOfficeFile({ user, signal: options.signal }, fileId);
  const format = onlyOfficeFormat(extensionOf(entry.name));
  if (!format) throw new AppError("BAD_REQUEST", { userMessage: "this file type does not open in the office editor" });
  const key = await keyForOpening(entry.id, entry.etag);
  const claims = { userId: user.id, sessionId: user.sessionId, fileId: entry.id };
  const [documentUrl, callbackUrl] = await Promise.all([
    documentServerLink("download", claims, settings),
    documentServerLink("callback", claims, settings),
  ]);
  const backUrl = `${config.PORTAL_URL ?? ""}/files?path=${encodeURIComponent(parentFolder(entry.path))}`;
  const editorConfig = await buildEditorConfig(
    {
      file: { id: entry.id, name: entry.name, canWrite: entry.permissions.write },
      user: { id: user.id, name: user.displayName },
      mode: options.mode,
      key,
      documentUrl,
      callbackUrl,
      lang: options.lang,
      backUrl: config.PORTAL_URL ? backUrl : undefined,
    },
    settings.secret,
  );
  return {
    documentServerUrl: settings.documentServerUrl,
    config: editorConfig,
    convertibleTo: format.convertTo ?? null,
  };
}
