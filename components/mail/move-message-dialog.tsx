"use client";
/** "Déplacer": choose the destination among the mailbox's folders (the current one excluded). */
import { useTranslations } from "use-intl";
import { buttonClass, DialogActions, ModalDialog } from "@/components/files/dialogs/modal-dialog";
import type { MailFolder } from "./api/types";
import { sortFolders, useFolderLabel } from "./folder-nav";

export function MoveMessageDialog({
  folders,
  current,
  onMove,
  onClose,
}: {
  folders: readonly MailFolder[];
  current: string;
  onMove: (destination: string) => void;
  onClose: () => void;
}) {
  const t = useTranslations("mail.move");
  const label = useFolderLabel();
  const choices = sortFolders(folders).filter((folder) => folder.selectable && folder.path !== current);
  return (
    <ModalDialog title={t("title")} onClose={onClose} closeLabel={t("close")} testId="mail-move-dialog">
      <ul aria-label={t("folders")} className="divide-y divide-border rounded border border-border">
        {choices.map((folder) => (
          <li key={folder.path}>
            <button
              type="button"
              className="flex w-full px-3 py-2 text-left text-sm hover:bg-surface-muted"
              onClick={() => onMove(folder.path)}
            >
              {label(folder)}
            </button>
          </li>
        ))}
      </ul>
      <DialogActions>
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          {t("cancel")}
        </button>
      </DialogActions>
    </ModalDialog>
  );
}
