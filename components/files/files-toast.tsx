"use client";
/**
 * The page's one notification line (after a delete, a move, a failure), with an optional action
 * such as "Undo". It lives in a polite live region that is always in the page, so screen readers
 * announce each new message; it stays until replaced or dismissed (no timer racing a slow reader).
 */
import { useTranslations } from "use-intl";
import { buttonClass } from "./dialogs/modal-dialog";
import { FileIcon } from "./file-icons";

export interface ToastMessage {
  id: number;
  text: string;
  tone: "info" | "error";
  action?: { label: string; run: () => void };
}

export function FilesToast({ toast, onDismiss }: { toast: ToastMessage | null; onDismiss: () => void }) {
  const t = useTranslations("files.toast");
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label={t("label")}
      className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-3"
    >
      {toast ? (
        <div
          key={toast.id}
          data-testid="files-toast"
          className={`pointer-events-auto flex max-w-xl flex-wrap items-center gap-3 rounded-lg border px-4 py-3 text-sm shadow-lg ${toast.tone === "error" ? "border-danger bg-danger-surface text-danger" : "border-border-strong bg-surface text-fg"}`}
        >
          <span className="min-w-0 flex-1">{toast.text}</span>
          {toast.action ? (
            <button type="button" className={buttonClass.secondary} onClick={toast.action.run}>
              {toast.action.label}
            </button>
          ) : null}
          <button
            type="button"
            onClick={onDismiss}
            aria-label={t("dismiss")}
            className="rounded p-1 hover:bg-surface-muted"
          >
            <FileIcon name="close" className="size-4" />
          </button>
        </div>
      ) : null}
    </div>
  );
}
