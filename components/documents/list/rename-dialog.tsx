"use client";
/** Renames a document from the list. */
import { useState } from "react";
import { useTranslations } from "use-intl";
import { documentsApi } from "@/components/documents/api/documents-api";
import type { DocumentListItem } from "@/components/documents/api/types";
import { ModalDialog } from "@/components/documents/shared/modal-dialog";
import { useErrorMessage } from "@/components/documents/shared/use-error-message";
import { inputStyle, primaryButton, secondaryButton } from "@/components/documents/shared/button-styles";

export function RenameDialog({
  item,
  onClose,
  onRenamed,
}: {
  item: DocumentListItem | null;
  onClose: () => void;
  onRenamed: (title: string) => void;
}) {
  const t = useTranslations("documents.rename");
  const errorMessage = useErrorMessage();
  const [error, setError] = useState<string | null>(null);
  return (
    <ModalDialog open={item !== null} title={t("title")} onClose={onClose}>
      {item ? (
        <form
          className="space-y-3"
          onSubmit={(event) => {
            event.preventDefault();
            const title = String(new FormData(event.currentTarget).get("title") ?? "").trim();
            documentsApi.rename(item.id, title).then(
              () => onRenamed(title),
              (failure: unknown) => setError(errorMessage(failure)),
            );
          }}
        >
          <label className="block text-sm font-medium">
            {t("label")}
            <input name="title" required maxLength={200} defaultValue={item.title} className={`mt-1 ${inputStyle}`} />
          </label>
          {error ? (
            <p role="alert" className="text-sm text-danger">
              {error}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <button type="button" className={secondaryButton} onClick={onClose}>
              {t("cancel")}
            </button>
            <button type="submit" className={primaryButton}>
              {t("submit")}
            </button>
          </div>
        </form>
      ) : null}
    </ModalDialog>
  );
}
