"use client";
/** Asks before a destructive action (delete, permanent delete); the safe choice has the focus. */
import { useState } from "react";
import { useTranslations } from "use-intl";
import { buttonClass, DialogActions, DialogError, ModalDialog } from "./modal-dialog";

export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  onConfirm,
  onClose,
  describeError,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  describeError: (error: unknown) => string;
}) {
  const t = useTranslations("files.dialog");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <ModalDialog title={title} onClose={onClose} closeLabel={t("close")}>
      <p className="text-sm">{body}</p>
      <DialogError message={error} />
      <DialogActions>
        <button type="button" className={buttonClass.secondary} onClick={onClose} data-autofocus>
          {t("cancel")}
        </button>
        <button
          type="button"
          className={buttonClass.danger}
          disabled={pending}
          onClick={() => {
            setPending(true);
            onConfirm().catch((caught: unknown) => {
              setError(describeError(caught));
              setPending(false);
            });
          }}
        >
          {confirmLabel}
        </button>
      </DialogActions>
    </ModalDialog>
  );
}
