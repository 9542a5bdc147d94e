"use client";
/**
 * Preview of an image, a PDF or a text file, from the content route (same origin, served inline
 * with a sandboxing CSP and nosniff). Text is fetched with a Range so a huge log file never loads
 * whole: only the first 256 KiB are shown, with a note. PDFs use the browser's own viewer in an
 * iframe, with "open in a new tab" and "download" beside it for browsers that refuse to frame it.
 */
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import type { FileEntry } from "../api/types";
import { previewKind } from "../file-kind";
import { buttonClass, DialogActions, ModalDialog } from "./modal-dialog";

const TEXT_PREVIEW_BYTES = 256 * 1024;

export function PreviewDialog({
  entry,
  contentUrl,
  downloadUrl,
  onClose,
}: {
  entry: Pick<FileEntry, "name" | "kind" | "contentType" | "size">;
  contentUrl: string;
  downloadUrl: string;
  onClose: () => void;
}) {
  const t = useTranslations("files");
  const kind = previewKind(entry);
  return (
    <ModalDialog
      title={t("dialog.preview.title", { name: entry.name })}
      onClose={onClose}
      closeLabel={t("dialog.close")}
      wide
      testId="preview-dialog"
    >
      {kind === "image" ? (
        // eslint-disable-next-line @next/next/no-img-element -- the user's own file from a same-origin route
        <img src={contentUrl} alt={entry.name} className="mx-auto max-h-[60dvh] max-w-full object-contain" />
      ) : kind === "pdf" ? (
        <>
          <iframe src={contentUrl} title={entry.name} className="h-[60dvh] w-full rounded border border-border" />
          <p className="mt-2 text-xs text-fg-muted">{t("dialog.preview.pdfFallback")}</p>
        </>
      ) : kind === "text" ? (
        <TextPreview url={contentUrl} size={entry.size} />
      ) : null}
      <DialogActions>
        {kind === "pdf" ? (
          <a href={contentUrl} target="_blank" rel="noopener" className={buttonClass.secondary}>
            {t("dialog.preview.openNewTab")}
          </a>
        ) : null}
        <a href={downloadUrl} download={entry.name} className={buttonClass.primary}>
          {t("dialog.preview.download")}
        </a>
      </DialogActions>
    </ModalDialog>
  );
}

function TextPreview({ url, size }: { url: string; size: number }) {
  const t = useTranslations("files");
  const [state, setState] = useState<{ text: string } | { error: true } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetch(url, {
      headers: size > TEXT_PREVIEW_BYTES ? { range: `bytes=0-${TEXT_PREVIEW_BYTES - 1}` } : {},
      signal: controller.signal,
      credentials: "same-origin",
    })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        // A cut in the middle of a multi-byte character shows as one replacement character.
        setState({ text: new TextDecoder().decode(await response.arrayBuffer()) });
      })
      .catch(() => {
        if (!controller.signal.aborted) setState({ error: true });
      });
    return () => controller.abort();
  }, [url, size]);
  if (state === null) return <p className="text-sm text-fg-muted">{t("list.loading")}</p>;
  if ("error" in state)
    return (
      <p role="alert" className="text-sm text-danger">
        {t("errors.loadFailed")}
      </p>
    );
  return (
    <>
      <pre
        tabIndex={0}
        className="max-h-[60dvh] overflow-auto whitespace-pre-wrap break-words rounded border border-border bg-surface-muted p-3 text-sm"
      >
        {state.text}
      </pre>
      {size > TEXT_PREVIEW_BYTES ? <p className="mt-2 text-xs text-fg-muted">{t("dialog.preview.truncated")}</p> : null}
    </>
  );
}
