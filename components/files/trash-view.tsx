"use client";
/**
 * The trash: what was deleted, from where and when, with "restore" (back to its original place;
 * the server refuses if that name is taken again) and "delete permanently" (after confirmation).
 */
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "use-intl";
import { purgeFromTrash, restoreFromTrash } from "./api/file-mutations";
import { FILES_KEY, useTrash } from "./api/file-queries";
import type { TrashEntry } from "./api/types";
import { ConfirmDialog } from "./dialogs/confirm-dialog";
import { buttonClass } from "./dialogs/modal-dialog";
import { FileIcon } from "./file-icons";
import { parentOf } from "./file-paths";
import { formatBytes } from "./format-bytes";

export function TrashView({
  locale,
  describeError,
  notify,
}: {
  locale: string;
  describeError: (error: unknown) => string;
  notify: (text: string, tone?: "info" | "error") => void;
}) {
  const t = useTranslations("files");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const trash = useTrash();
  const [purging, setPurging] = useState<TrashEntry | null>(null);
  const restore = useMutation({
    mutationFn: (entry: TrashEntry) => restoreFromTrash(entry.id),
    onSuccess: (_, entry) => notify(t("toast.restored", { count: 1, name: entry.name })),
    onError: (error) => notify(describeError(error), "error"),
    onSettled: () => queryClient.invalidateQueries({ queryKey: FILES_KEY }),
  });

  if (trash.isPending) return <p className="text-sm text-fg-muted">{t("list.loading")}</p>;
  if (trash.isError)
    return (
      <div role="alert" className="rounded border border-danger bg-danger-surface p-3 text-sm text-danger">
        {describeError(trash.error)}{" "}
        <button type="button" className={buttonClass.quiet} onClick={() => void trash.refetch()}>
          {t("errors.retry")}
        </button>
      </div>
    );
  const entries = [...trash.data.entries].sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
  if (entries.length === 0) return <p className="text-sm text-fg-muted">{t("trash.empty")}</p>;
  return (
    <>
      <ul aria-label={t("trash.label")} className="divide-y divide-border rounded-lg border border-border bg-surface">
        {entries.map((entry) => (
          <li
            key={entry.id}
            className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm"
            data-trash-name={entry.name}
          >
            <span className="text-fg-muted">
              <FileIcon name={entry.kind === "folder" ? "folder" : "file"} />
            </span>
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium">{entry.name}</p>
              <p className="truncate text-xs text-fg-muted">
                {t("trash.from", { folder: parentOf(entry.originalPath) })} ·{" "}
                <time dateTime={entry.deletedAt}>
                  {t("trash.deletedOn", {
                    date: format.dateTime(new Date(entry.deletedAt), { dateStyle: "medium", timeStyle: "short" }),
                  })}
                </time>
                {entry.kind === "file" ? ` · ${formatBytes(entry.size, locale)}` : ""}
              </p>
            </div>
            <div className="flex gap-2">
              <button
                type="button"
                className={buttonClass.secondary}
                aria-label={t("trash.restoreNamed", { name: entry.name })}
                disabled={restore.isPending}
                onClick={() => restore.mutate(entry)}
              >
                <FileIcon name="restore" className="size-4" />
                {t("trash.restore")}
              </button>
              <button
                type="button"
                className={buttonClass.secondary}
                aria-label={t("trash.purgeNamed", { name: entry.name })}
                onClick={() => setPurging(entry)}
              >
                <FileIcon name="trash" className="size-4" />
                <span className="hidden sm:inline">{t("trash.purge")}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
      {purging ? (
        <ConfirmDialog
          title={t("dialog.purge.title", { name: purging.name })}
          body={t("dialog.purge.body")}
          confirmLabel={t("dialog.purge.submit")}
          describeError={describeError}
          onClose={() => setPurging(null)}
          onConfirm={async () => {
            await purgeFromTrash(purging.id);
            setPurging(null);
            await queryClient.invalidateQueries({ queryKey: FILES_KEY });
          }}
        />
      ) : null}
    </>
  );
}
