"use client";
/**
 * "Exporter": a disclosure button that shows the formats (Word, OpenDocument, PDF, Markdown); one
 * press fetches the file from GET /api/documents/[id]/export and hands it to the browser's
 * download. Preparing a PDF takes a second or two, so progress is announced in a polite live
 * region and a refusal is shown as an alert rather than as a JSON page.
 *
 * Keyboard: the button opens and closes the list (aria-expanded), Tab moves through the formats,
 * Escape closes the list and returns focus to the button. Anyone who may read the document may
 * export it, so the editor can show it to readers too.
 */
import { useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { secondaryButton } from "@/components/documents/shared/button-styles";
import { EXPORT_FORMATS, fetchExport, saveFile, type ExportFormat } from "@/components/documents/convert/convert-api";
import { useConvertErrorMessage } from "@/components/documents/convert/use-convert-error-message";

type ExportState =
  | { kind: "idle" }
  | { kind: "working"; format: ExportFormat }
  | { kind: "done"; format: ExportFormat }
  | { kind: "failed"; message: string };

const itemStyle =
  "block w-full rounded px-3 py-1.5 text-left text-sm text-fg hover:bg-surface-muted disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary";

export function ExportDocumentMenu({ documentId }: { documentId: string }) {
  const t = useTranslations("documentsConvert.export");
  const errorMessage = useConvertErrorMessage();
  const listId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<ExportState>({ kind: "idle" });

  useEffect(() => {
    if (!open) return;
    const closeOnOutsideClick = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", closeOnOutsideClick);
    return () => document.removeEventListener("pointerdown", closeOnOutsideClick);
  }, [open]);

  async function exportAs(format: ExportFormat) {
    setOpen(false);
    button.current?.focus();
    setState({ kind: "working", format });
    try {
      const { blob, fileName } = await fetchExport(documentId, format);
      saveFile(blob, fileName);
      setState({ kind: "done", format });
    } catch (error) {
      setState({ kind: "failed", message: errorMessage(error) });
    }
  }

  return (
    <div
      ref={container}
      className="relative inline-block"
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          event.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className={secondaryButton}
        aria-expanded={open}
        aria-controls={listId}
        disabled={state.kind === "working"}
        onClick={() => setOpen((value) => !value)}
      >
        {t("button")}
      </button>
      <ul
        id={listId}
        aria-label={t("menuLabel")}
        hidden={!open}
        className="absolute right-0 z-20 mt-1 min-w-52 rounded border border-border-strong bg-surface p-1 shadow-lg"
      >
        {EXPORT_FORMATS.map((format) => (
          <li key={format}>
            <button type="button" className={itemStyle} onClick={() => void exportAs(format)}>
              {t(format)}
            </button>
          </li>
        ))}
      </ul>
      <p role="status" aria-live="polite" className="sr-only">
        {state.kind === "working" ? t("inProgress", { format: t(state.format) }) : null}
        {state.kind === "done" ? t("done", { format: t(state.format) }) : null}
      </p>
      {state.kind === "failed" ? (
        <p role="alert" className="mt-1 text-sm text-danger">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
