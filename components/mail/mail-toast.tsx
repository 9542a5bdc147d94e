"use client";
/**
 * The Mail page's one notification line (after a delete, a move, a send, a failure), with an
 * optional action such as "Annuler". A polite live region always present in the page, so screen
 * readers announce each new message; it stays until replaced or dismissed.
 */
import { useTranslations } from "use-intl";
import { buttonClass } from "@/components/files/dialogs/modal-dialog";

export interface MailToastMessage {
  id: number;
  text: string;
  tone: "info" | "error";
  action?: { label: string; run: () => void };
}

export function MailToast({ toast, onDismiss }: { toast: MailToastMessage | null; onDismiss: () => void }) {
  const t = useTranslations("mail.toast");
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
          data-testid="mail-toast"
          className={`pointer-events-auto flex max-w-xl flex-wrap items-center gap-3 rounded-lg border px-4 py-3 text-sm shadow-lg ${toast.tone === "error" ? "border-danger bg-danger-surface text-danger" : "border-border-strong bg-surface text-fg"}`}
        >
          <span className="min-w-0 flex-1">{toast.text}</span>
          {toast.action ? (
            <button type="button" className={buttonClass.secondary} onClick={toast.action.run}>
              {toast.action.label}
            </button>
          ) : null}
          <button type="button" onClick={onDismiss} className={buttonClass.quiet}>
            {t("dismiss")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
