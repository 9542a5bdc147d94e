"use client";
/**
 * A file's earlier versions (kept by the storage when a file is overwritten): each can be
 * downloaded, or restored — it becomes the current content and the replaced content becomes a
 * version in turn, so restoring never loses anything.
 */
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "use-intl";
import { restoreVersion } from "../api/file-mutations";
import { FILES_KEY, useVersions } from "../api/file-queries";
import type { FileEntry } from "../api/types";
import { formatBytes } from "../format-bytes";
import { buttonClass, DialogActions, DialogError, ModalDialog } from "./modal-dialog";

export function VersionsDialog({
  entry,
  locale,
  onClose,
  onRestored,
  describeError,
}: {
  entry: FileEntry;
  locale: string;
  onClose: () => void;
  onRestored: (date: string) => void;
  describeError: (error: unknown) => string;
}) {
  const t = useTranslations("files");
  const format = useFormatter();
  const queryClient = useQueryClient();
  const versions = useVersions(entry.path);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const list = [...(versions.data?.versions ?? [])].sort((a, b) => b.lastModified.localeCompare(a.lastModified));

  return (
    <ModalDialog
      title={t("dialog.versions.title", { name: entry.name })}
      onClose={onClose}
      closeLabel={t("dialog.close")}
      testId="versions-dialog"
    >
      <p className="text-sm text-fg-muted">{t("dialog.versions.intro")}</p>
      {versions.isPending ? <p className="mt-3 text-sm text-fg-muted">{t("list.loading")}</p> : null}
      {versions.isError ? (
        <p role="alert" className="mt-3 text-sm text-danger">
          {describeError(versions.error)}
        </p>
      ) : null}
      {versions.isSuccess && list.length === 0 ? <p className="mt-3 text-sm">{t("dialog.versions.none")}</p> : null}
      {list.length > 0 ? (
        <ul aria-label={t("dialog.versions.listLabel")} className="mt-3 divide-y divide-border">
          {list.map((version) => {
            const when = date(version.lastModified);
            const href = `/api/files/versions/content?${new URLSearchParams({ path: entry.path, version: version.id, download: "1" }).toString()}`;
            return (
              <li key={version.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span>
                  <time dateTime={version.lastModified}>{t("dialog.versions.entry", { date: when })}</time>
                  <span className="text-fg-muted"> · {formatBytes(version.size, locale)}</span>
                </span>
                <span className="flex gap-2">
                  <a
                    href={href}
                    download={entry.name}
                    aria-label={t("dialog.versions.downloadNamed", { date: when })}
                    className={buttonClass.secondary}
                  >
                    {t("dialog.versions.download")}
                  </a>
                  <button
                    type="button"
                    aria-label={t("dialog.versions.restoreNamed", { date: when })}
                    className={buttonClass.secondary}
                    disabled={pending !== null}
                    onClick={() => {
                      setPending(version.id);
                      setError(null);
                      restoreVersion(entry.path, version.id)
                        .then(async () => {
                          await queryClient.invalidateQueries({ queryKey: FILES_KEY });
                          onRestored(when);
                        })
                        .catch((caught: unknown) => setError(describeError(caught)))
                        .finally(() => setPending(null));
                    }}
                  >
                    {t("dialog.versions.restore")}
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      ) : null}
      <DialogError message={error} />
      <DialogActions>
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          {t("dialog.close")}
        </button>
      </DialogActions>
    </ModalDialog>
  );
}
