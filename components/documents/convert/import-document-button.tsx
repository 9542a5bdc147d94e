"use client";
/**
 * "Importer un fichier": picks a Word (.docx) or OpenDocument (.odt) file and imports it as a new
 * document owned by the person, then opens it (or calls `onImported`). Progress and the outcome are
 * announced in a polite live region; a refusal (too large, unreadable…) is shown as an alert.
 *
 * Placed by the documents list. The file input is a real, labelled input (visually hidden) opened
 * by the button, so keyboard and screen-reader users get the platform's own file dialog.
 */
import { useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { secondaryButton } from "@/components/documents/shared/button-styles";
import { IMPORT_ACCEPT, importDocumentFile, type ImportResult } from "@/components/documents/convert/convert-api";
import { useConvertErrorMessage } from "@/components/documents/convert/use-convert-error-message";

type ImportState =
  | { kind: "idle" }
  | { kind: "working"; name: string }
  | { kind: "done"; result: ImportResult }
  | { kind: "failed"; message: string };

export function ImportDocumentButton({ onImported }: { onImported?: (result: ImportResult) => void }) {
  const t = useTranslations("documentsConvert.import");
  const errorMessage = useConvertErrorMessage();
  const router = useRouter();
  const inputId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ImportState>({ kind: "idle" });

  async function importFile(file: File) {
    if (!/\.(docx|odt)$/i.test(file.name)) {
      setState({ kind: "failed", message: t("wrongType") });
      return;
    }
    setState({ kind: "working", name: file.name });
    try {
      const result = await importDocumentFile(file);
      setState({ kind: "done", result });
      if (onImported) onImported(result);
      else router.push(`/documents/${result.id}`);
    } catch (error) {
      setState({ kind: "failed", message: errorMessage(error) });
    } finally {
      if (input.current) input.current.value = "";
    }
  }

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={inputId} className="sr-only">
        {t("fileLabel")}
      </label>
      <input
        ref={input}
        id={inputId}
        type="file"
        accept={IMPORT_ACCEPT}
        className="sr-only"
        tabIndex={-1}
        aria-describedby={hintId}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) void importFile(file);
        }}
      />
      <button
        type="button"
        className={secondaryButton}
        aria-describedby={hintId}
        disabled={state.kind === "working"}
        onClick={() => input.current?.click()}
      >
        {t("button")}
      </button>
      <span id={hintId} className="text-xs text-fg-muted">
        {t("hint")}
      </span>
      <p role="status" aria-live="polite" className="text-sm text-fg-muted empty:hidden">
        {state.kind === "working" ? t("inProgress", { name: state.name }) : null}
        {state.kind === "done" ? t("done", { title: state.result.title }) : null}
        {state.kind === "done" && state.result.droppedImages > 0
          ? ` ${t("droppedImages", { count: state.result.droppedImages })}`
          : null}
      </p>
      {state.kind === "failed" ? (
        <p role="alert" className="text-sm text-danger">
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
