"use client";
/**
 * A message's attachments: name, type and size; download (the part streamed by the server,
 * `Content-Disposition: attachment`), preview for images, PDF and text, and "save to Files".
 */
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "use-intl";
import { buttonClass, ModalDialog } from "@/components/files/dialogs/modal-dialog";
import { formatBytes } from "@/components/files/format-bytes";
import { attachmentUrl } from "./api/mail-queries";
import type { AttachmentInfo } from "./api/types";
import { SaveToFilesDialog } from "./save-to-files-dialog";

type PreviewKind = "image" | "pdf" | "text" | null;

const TEXT_PREVIEW_MAX_BYTES = 512 * 1024;

export function previewKind(attachment: AttachmentInfo): PreviewKind {
  const type = attachment.contentType.toLowerCase().split(";")[0]?.trim() ?? "";
  if (["image/png", "image/jpeg", "image/gif", "image/webp"].includes(type)) return "image";
  if (type === "application/pdf") return "pdf";
  if ((type.startsWith("text/") || type === "application/json") && attachment.size <= TEXT_PREVIEW_MAX_BYTES)
    return "text";
  return null;
}

function TextPreview({ url, label }: { url: string; label: string }) {
  const t = useTranslations("mail.attachments");
  // The text is shown as text (React escapes it), never as markup.
  const text = useQuery({
    queryKey: ["mail", "attachment-text", url],
    queryFn: async ({ signal }) => {
      const response = await fetch(url, { credentials: "same-origin", signal });
      if (!response.ok) throw new Error(`http ${response.status}`);
      return response.text();
    },
    staleTime: Infinity,
  });
  if (text.isError) return <p role="alert">{t("previewFailed")}</p>;
  if (text.data === undefined) return <p>{t("loading")}</p>;
  return (
    <pre
      tabIndex={0}
      aria-label={label}
      className="max-h-[60dvh] overflow-auto whitespace-pre-wrap break-words rounded border border-border p-3 text-sm"
    >
      {text.data}
    </pre>
  );
}

export function AttachmentList({
  folder,
  uid,
  attachments,
  onSavedToFiles,
}: {
  folder: string;
  uid: number;
  attachments: readonly AttachmentInfo[];
  onSavedToFiles: (path: string) => void;
}) {
  const t = useTranslations("mail.attachments");
  const locale = useLocale();
  const [preview, setPreview] = useState<AttachmentInfo | null>(null);
  const [saving, setSaving] = useState<AttachmentInfo | null>(null);
  if (attachments.length === 0) return null;
  const previewing = preview ? previewKind(preview) : null;

  return (
    <section aria-label={t("label", { count: attachments.length })} data-testid="mail-attachments">
      <h3 className="text-sm font-semibold">{t("title", { count: attachments.length })}</h3>
      <ul className="mt-1 divide-y divide-border rounded border border-border">
        {attachments.map((attachment) => (
          <li key={attachment.part} className="flex flex-wrap items-center gap-2 px-3 py-2 text-sm">
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium" title={attachment.filename}>
                {attachment.filename || t("unnamed")}
              </span>
              <span className="text-xs text-fg-muted">{formatBytes(attachment.size, locale)}</span>
            </span>
            <a
              href={attachmentUrl(folder, uid, attachment.part, "attachment")}
              download={attachment.filename || true}
              className={buttonClass.secondary}
            >
              {t("download")}
              <span className="sr-only"> {attachment.filename}</span>
            </a>
            {previewKind(attachment) ? (
              <button type="button" className={buttonClass.secondary} onClick={() => setPreview(attachment)}>
                {t("preview")}
                <span className="sr-only"> {attachment.filename}</span>
              </button>
            ) : null}
            <button type="button" className={buttonClass.secondary} onClick={() => setSaving(attachment)}>
              {t("saveToFiles")}
              <span className="sr-only"> {attachment.filename}</span>
            </button>
          </li>
        ))}
      </ul>
      {preview && previewing ? (
        <ModalDialog
          title={preview.filename || t("unnamed")}
          onClose={() => setPreview(null)}
          closeLabel={t("close")}
          wide
          testId="mail-attachment-preview"
        >
          {previewing === "image" ? (
            // eslint-disable-next-line @next/next/no-img-element -- a private attachment, not an optimisable asset
            <img
              src={attachmentUrl(folder, uid, preview.part, "inline")}
              alt={preview.filename}
              className="mx-auto max-h-[60dvh] max-w-full object-contain"
            />
          ) : previewing === "pdf" ? (
            <iframe
              src={attachmentUrl(folder, uid, preview.part, "inline")}
              title={preview.filename}
              className="h-[60dvh] w-full rounded border border-border"
            />
          ) : (
            <TextPreview url={attachmentUrl(folder, uid, preview.part, "attachment")} label={preview.filename} />
          )}
        </ModalDialog>
      ) : null}
      {saving ? (
        <SaveToFilesDialog
          folder={folder}
          uid={uid}
          attachment={saving}
          onClose={() => setSaving(null)}
          onSaved={(path) => {
            setSaving(null);
            onSavedToFiles(path);
          }}
        />
      ) : null}
    </section>
  );
}
