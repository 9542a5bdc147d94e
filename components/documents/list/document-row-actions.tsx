"use client";
/** The actions of one row of the document list, as plain buttons (reachable by Tab, named for screen readers). */
import { useTranslations } from "use-intl";
import type { DocumentListItem } from "@/components/documents/api/types";
import { dangerButton, secondaryButton } from "@/components/documents/shared/button-styles";

export function DocumentRowActions({
  item,
  onRename,
  onShare,
  onDelete,
}: {
  item: DocumentListItem;
  onRename: () => void;
  onShare: () => void;
  onDelete: () => void;
}) {
  const t = useTranslations("documents.list");
  const canEdit = item.role === "editor" || item.role === "owner";
  return (
    <div role="group" aria-label={t("actionsFor", { title: item.title })} className="flex flex-wrap gap-2">
      {canEdit ? (
        <button type="button" className={secondaryButton} onClick={onRename}>
          {t("rename")}
        </button>
      ) : null}
      <button type="button" className={secondaryButton} onClick={onShare}>
        {t("share")}
      </button>
      {item.role === "owner" ? (
        <button type="button" className={dangerButton} onClick={onDelete}>
          {t("delete")}
        </button>
      ) : null}
    </div>
  );
}
