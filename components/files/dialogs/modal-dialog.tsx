"use client";
/**
 * A modal dialog on the native `<dialog>` element, opened with `showModal()`: the browser makes the
 * rest of the page inert (focus cannot leave it: the focus trap WCAG asks for), closes it on
 * Escape, and this component puts focus back where it was when it opened (the row or button that
 * opened it), also when the dialog unmounts.
 *
 * Render it only while open (`{open && <ModalDialog …/>}`): state inside resets on each opening.
 */
import { useEffect, useId, useRef, type ReactNode } from "react";

export function ModalDialog({
  title,
  onClose,
  children,
  closeLabel,
  wide = false,
  testId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  closeLabel: string;
  wide?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const openerGrid = opener?.closest<HTMLElement>('[role="grid"]') ?? null;
    if (!dialog.open) dialog.showModal();
    // React's autoFocus runs before showModal() (the dialog is still hidden then), so the first
    // field is focused here: an element marked data-autofocus, else the first form field.
    dialog
      .querySelector<HTMLElement>("[data-autofocus], input:not([type=hidden]):not([readonly]), select, textarea")
      ?.focus();
    const onCancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener("cancel", onCancel);
    return () => {
      dialog.removeEventListener("cancel", onCancel);
      if (dialog.open) dialog.close();
      // The opener may have been re-rendered away (a renamed row): then focus its replacement.
      if (opener?.isConnected) opener.focus();
      else {
        // The opener was re-rendered (a renamed row) or removed (a deleted one): its replacement,
        // else the list's current row, so keyboard users stay where they were.
        const replacement = opener?.dataset.path
          ? document.querySelector<HTMLElement>(`[data-path="${CSS.escape(opener.dataset.path)}"]`)
          : null;
        (replacement ?? openerGrid?.querySelector<HTMLElement>('[role="row"][tabindex="0"]'))?.focus();
      }
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId}
      className={`m-auto w-[calc(100%-1.5rem)] ${wide ? "max-w-3xl" : "max-w-lg"} rounded-lg border border-border bg-surface p-0 text-fg shadow-xl backdrop:bg-slate-900/50`}
    >
      <div className="flex items-start justify-between gap-3 border-b border-border px-4 py-3">
        <h2 id={titleId} className="min-w-0 break-words text-lg font-semibold">
          {title}
        </h2>
        <button
          type="button"
          onClick={() => onCloseRef.current()}
          className="rounded px-2 py-1 text-fg-muted hover:bg-surface-muted"
          aria-label={closeLabel}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="max-h-[75dvh] overflow-y-auto px-4 py-4">{children}</div>
    </dialog>
  );
}

/** A dialog's failure message, announced at once (role="alert"); nothing while there is none. */
export function DialogError({ message, id }: { message: string | null; id?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-2 text-sm text-danger">
      {message}
    </p>
  );
}

/** The buttons row at the bottom of a dialog's form. */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="mt-4 flex flex-wrap justify-end gap-2">{children}</div>;
}

export const buttonClass = {
  primary:
    "inline-flex items-center gap-1.5 rounded bg-primary px-3 py-1.5 text-sm font-medium text-on-primary hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-50",
  secondary:
    "inline-flex items-center gap-1.5 rounded border border-border-strong bg-surface px-3 py-1.5 text-sm text-fg hover:bg-surface-muted disabled:cursor-not-allowed disabled:opacity-50",
  danger:
    "inline-flex items-center gap-1.5 rounded bg-danger px-3 py-1.5 text-sm font-medium text-white hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-50",
  quiet:
    "inline-flex items-center gap-1.5 rounded px-2 py-1 text-sm text-primary-ink underline-offset-2 hover:underline disabled:cursor-not-allowed disabled:opacity-50",
} as const;
