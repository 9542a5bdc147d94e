"use client";
/**
 * A page's one notification line (after a delete, a move, a send, a failure), with an optional
 * action such as "Annuler". Files and Mail both show it. It lives in a polite live region that is
 * always in the page, so screen readers announce each new message; it stays until replaced or
 * dismissed (no timer racing a slow reader). The caller gives its strings already translated, so
 * each page keeps its own wording in its own namespace.
 */
import { useCallback, useRef, useState } from "react";
import { buttonClass } from "@/components/files/dialogs/modal-dialog";
import { StrokeIcon } from "@/components/shell/stroke-icon";

export interface PageToastMessage {
  /** A new id for each message, so the same text said twice is announced twice. */
  id: number;
  text: string;
  tone: "info" | "error";
  action?: { label: string; run: () => void };
}

export function PageToast({
  toast,
  onDismiss,
  regionLabel,
  dismissLabel,
  testId,
}: {
  toast: PageToastMessage | null;
  onDismiss: () => void;
  /** The live region's accessible name ("Notifications"). */
  regionLabel: string;
  /** The close button's accessible name. */
  dismissLabel: string;
  /** data-testid of the message box (the browser tests look for it). */
  testId: string;
}) {
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label={regionLabel}
      className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-3"
    >
      {toast ? (
        <div
          key={toast.id}
          data-testid={testId}
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
            aria-label={dismissLabel}
            className="rounded p-1 hover:bg-surface-muted"
          >
            <StrokeIcon className="size-4">
              <path d="M6 6l12 12M18 6L6 18" />
            </StrokeIcon>
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** The page's toast state: `show` replaces the current message (a fresh id each time), `dismiss` clears it. */
export function usePageToast() {
  const [toast, setToast] = useState<PageToastMessage | null>(null);
  const lastId = useRef(0);
  const show = useCallback(
    (text: string, tone: PageToastMessage["tone"] = "info", action?: PageToastMessage["action"]) => {
      lastId.current += 1;
      setToast({ id: lastId.current, text, tone, action });
    },
    [],
  );
  const dismiss = useCallback(() => setToast(null), []);
  return { toast, show, dismiss };
}
