"use client";
/**
 * Asks for a name: "New folder" and "Rename". Checks the name in place before sending (the server
 * checks again) and shows the API's refusal (e.g. the name is taken) inside the dialog, keeping
 * what the person typed.
 */
import { useId, useState, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import { isValidName } from "../file-paths";
import { buttonClass, DialogActions, DialogError, ModalDialog } from "./modal-dialog";

export function NameDialog({
  title,
  label,
  submitLabel,
  initialName = "",
  onSubmit,
  onClose,
  describeError,
}: {
  title: string;
  label: string;
  submitLabel: string;
  initialName?: string;
  /** Resolves when done (the dialog closes); rejects to show the error. */
  onSubmit: (name: string) => Promise<void>;
  onClose: () => void;
  describeError: (error: unknown) => string;
}) {
  const t = useTranslations("files.dialog");
  const inputId = useId();
  const errorId = useId();
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!isValidName(name)) {
      setError(t("invalidName"));
      return;
    }
    setPending(true);
    setError(null);
    try {
      await onSubmit(name);
    } catch (caught) {
      setError(describeError(caught));
      setPending(false);
    }
  }

  return (
    <ModalDialog title={title} onClose={onClose} closeLabel={t("close")}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor={inputId} className="block text-sm font-medium">
          {label}
        </label>
        <input
          id={inputId}
          value={name}
          onChange={(event) => setName(event.target.value)}
          // Selects the name without its extension, as file managers do, so typing replaces it.
          onFocus={(event) => {
            const dot = event.target.value.lastIndexOf(".");
            event.target.setSelectionRange(0, dot > 0 ? dot : event.target.value.length);
          }}
          data-autofocus
          autoComplete="off"
          spellCheck={false}
          maxLength={255}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="mt-1 w-full rounded border border-border-strong px-2 py-1.5"
        />
        <DialogError message={error} id={errorId} />
        <DialogActions>
          <button type="button" className={buttonClass.secondary} onClick={onClose}>
            {t("cancel")}
          </button>
          <button type="submit" className={buttonClass.primary} disabled={pending}>
            {submitLabel}
          </button>
        </DialogActions>
      </form>
    </ModalDialog>
  );
}
