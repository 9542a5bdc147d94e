"use client";
/**
 * The editor page's actions on the file: "Save as PDF" and, for a legacy format opened read-only,
 * "Convert to DOCX/XLSX/PPTX". Both ask the portal to convert through the Document Server and
 * write the result beside the file; the outcome is announced in a live region.
 */
import { useState } from "react";
import { useTranslations } from "use-intl";

export interface OfficeDocumentActionsProps {
  fileId: string;
  /** "docx", "xlsx" or "pptx" for a legacy format, else null. */
  convertibleTo: string | null;
  canSaveAsPdf: boolean;
}

type Outcome = { kind: "idle" } | { kind: "working" } | { kind: "done"; name: string } | { kind: "failed" };

export function OfficeDocumentActions({ fileId, convertibleTo, canSaveAsPdf }: OfficeDocumentActionsProps) {
  const t = useTranslations("office");
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });

  async function convert(to: string): Promise<void> {
    setOutcome({ kind: "working" });
    try {
      const response = await fetch(`/api/office/files/${encodeURIComponent(fileId)}/convert`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ to }),
      });
      if (!response.ok) throw new Error(String(response.status));
      const entry = (await response.json()) as { name: string };
      setOutcome({ kind: "done", name: entry.name });
    } catch {
      setOutcome({ kind: "failed" });
    }
  }

  const busy = outcome.kind === "working";
  const buttonClass = "rounded border border-border-strong bg-surface px-3 py-1.5 text-sm disabled:opacity-60";
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div role="group" aria-label={t("actions.label")} className="flex flex-wrap gap-2">
        {canSaveAsPdf ? (
          <button type="button" className={buttonClass} disabled={busy} onClick={() => void convert("pdf")}>
            {t("actions.saveAsPdf")}
          </button>
        ) : null}
        {convertibleTo ? (
          <button type="button" className={buttonClass} disabled={busy} onClick={() => void convert(convertibleTo)}>
            {t("actions.convertTo", { format: convertibleTo.toUpperCase() })}
          </button>
        ) : null}
      </div>
      <p role="status" aria-live="polite" className="text-sm text-fg-muted">
        {outcome.kind === "working" ? t("actions.working") : null}
        {outcome.kind === "done" ? t("actions.converted", { name: outcome.name }) : null}
        {outcome.kind === "failed" ? t("actions.failed") : null}
      </p>
    </div>
  );
}
