"use client";
/**
 * "Enregistrer dans Fichiers": choose a folder of Files for one attachment; the server copies the
 * part from the mail server into Files (streamed), so nothing passes through the browser.
 */
import { useState } from "react";
import { useTranslations } from "use-intl";
import { buttonClass, DialogActions, DialogError, ModalDialog } from "@/components/files/dialogs/modal-dialog";
import { saveAttachmentToFiles } from "./api/mail-mutations";
import type { AttachmentInfo } from "./api/types";
import { FilesBrowser } from "./files-browser";
import { useMailError } from "./use-mail-error";

export function SaveToFilesDialog({
  folder,
  uid,
  attachment,
  onSaved,
  onClose,
}: {
  folder: string;
  uid: number;
  attachment: AttachmentInfo;
  onSaved: (path: string) => void;
  onClose: () => void;
}) {
  const t = useTranslations("mail.saveToFiles");
  const describe = useMailError();
  const [destination, setDestination] = useState("/");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save() {
    setPending(true);
    setError(null);
    try {
      const saved = await saveAttachmentToFiles({ folder, uid, part: attachment.part, destination });
      onSaved(saved.path);
    } catch (failure) {
      setError(describe(failure));
      setPending(false);
    }
  }

  return (
    <ModalDialog
      title={t("title", { name: attachment.filename })}
      onClose={onClose}
      closeLabel={t("close")}
      testId="save-to-files-dialog"
    >
      <FilesBrowser folder={destination} onFolder={setDestination} />
      <p className="mt-2 text-sm" aria-live="polite">
        {t("destination", { folder: destination })}
      </p>
      <DialogError message={error} />
      <DialogActions>
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          {t("cancel")}
        </button>
        <button type="button" className={buttonClass.primary} disabled={pending} onClick={() => void save()}>
          {t("save")}
        </button>
      </DialogActions>
    </ModalDialog>
  );
}
