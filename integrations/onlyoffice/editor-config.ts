/**
 * The configuration the page gives `new DocsAPI.DocEditor(placeholder, config)`, signed.
 *
 * Pure: the caller (server/office/onlyoffice/open-onlyoffice-editor.ts) resolves the file, the
 * user's rights, the document key and the signed URLs; this builds the documented shape
 * (config/document, config/editor) and signs the whole of it (`token`), which the Document Server
 * checks when JWT is enabled, so a page cannot widen its own permissions or swap the URLs.
 */
import "server-only";
import { onlyOfficeFormat, extensionOf, type DocumentType } from "@/integrations/onlyoffice/formats";
import { signOnlyOfficePayload } from "@/integrations/onlyoffice/jwt";

export type EditorMode = "edit" | "view";

export interface EditorConfigInput {
  file: { id: string; name: string; canWrite: boolean };
  user: { id: string; name: string };
  /** What the user asked for; "edit" falls back to "view" without write permission or for legacy formats. */
  mode: EditorMode;
  key: string;
  /** Signed, short-lived URL the Document Server downloads the file from. */
  documentUrl: string;
  /** Signed URL the Document Server posts callbacks to. */
  callbackUrl: string;
  /** Interface language: "fr" or "en". */
  lang: string;
  /** Where the editor's "back" goes (the file's folder in Files). */
  backUrl?: string;
}

export interface EditorConfig {
  documentType: DocumentType;
  type: "desktop";
  width: "100%";
  height: "100%";
  document: {
    fileType: string;
    key: string;
    title: string;
    url: string;
    permissions: {
      edit: boolean;
      download: boolean;
      print: boolean;
      review: boolean;
      comment: boolean;
      fillForms: boolean;
      copy: boolean;
      chat: boolean;
    };
  };
  editorConfig: {
    callbackUrl: string;
    mode: EditorMode;
    lang: string;
    region: string;
    user: { id: string; name: string };
    coEditing: { mode: "fast"; change: boolean };
    customization: {
      autosave: boolean;
      forcesave: boolean;
      comments: boolean;
      compactHeader: boolean;
      goback?: { url: string; blank: boolean };
    };
  };
  token: string;
}

/** Titles are used as the download name and limited to 128 characters by the Document Server. */
function editorTitle(name: string): string {
  if (name.length <= 128) return name;
  const extension = extensionOf(name);
  const suffix = extension ? `.${extension}` : "";
  return `${name.slice(0, 128 - suffix.length)}${suffix}`;
}

export function effectiveMode(input: Pick<EditorConfigInput, "mode" | "file">): EditorMode {
  const format = onlyOfficeFormat(extensionOf(input.file.name));
  return input.mode === "edit" && input.file.canWrite && format?.editable === true ? "edit" : "view";
}

export async function buildEditorConfig(input: EditorConfigInput, secret: string): Promise<EditorConfig> {
  const extension = extensionOf(input.file.name);
  const format = onlyOfficeFormat(extension);
  if (!format) throw new Error(`the Document Server does not open .${extension} files`);
  const mode = effectiveMode(input);
  const editing = mode === "edit";
  const unsigned: Omit<EditorConfig, "token"> = {
    documentType: format.documentType,
    type: "desktop",
    width: "100%",
    height: "100%",
    document: {
      fileType: extension,
      key: input.key,
      title: editorTitle(input.file.name),
      url: input.documentUrl,
      permissions: {
        edit: editing,
        download: true,
        print: true,
        review: editing,
        comment: editing,
        fillForms: editing,
        copy: true,
        chat: editing,
      },
    },
    editorConfig: {
      callbackUrl: input.callbackUrl,
      mode,
      lang: input.lang,
      region: input.lang === "fr" ? "fr-FR" : "en-GB",
      user: { id: input.user.id, name: input.user.name },
      coEditing: { mode: "fast", change: true },
      customization: {
        autosave: true,
        // Force-saves (status 6) write intermediate versions to Files while the session stays open.
        forcesave: true,
        comments: true,
        compactHeader: true,
        ...(input.backUrl ? { goback: { url: input.backUrl, blank: false } } : {}),
      },
    },
  };
  const token = await signOnlyOfficePayload(unsigned as unknown as Record<string, unknown>, secret);
  return { ...unsigned, token };
}
