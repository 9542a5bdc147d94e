"use client";
/**
 * "Move": a folder picker. It browses the user's folders (the same listing route as the page, so
 * folders load one level at a time), shows where the items would go, and refuses in place what
 * cannot be done (into the folder they are already in, or a folder into itself).
 */
import { useState } from "react";
import { useTranslations } from "use-intl";
import { useFolder } from "../api/file-queries";
import type { FileEntry } from "../api/types";
import { FileIcon } from "../file-icons";
import { isSameOrInside, parentOf, pathSegments } from "../file-paths";
import { buttonClass, DialogActions, ModalDialog } from "./modal-dialog";

export function MoveDialog({
  entries,
  startFolder,
  onMove,
  onClose,
  describeError,
}: {
  entries: FileEntry[];
  startFolder: string;
  onMove: (destination: string) => Promise<void>;
  onClose: () => void;
  describeError: (error: unknown) => string;
}) {
  const t = useTranslations("files");
  const [folder, setFolder] = useState(startFolder);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const listing = useFolder(folder);
  const folders = (listing.data?.entries ?? []).filter((entry) => entry.kind === "folder");
  const rootLabel = t("breadcrumb.root");
  const folderLabel = folder === "/" ? rootLabel : (pathSegments(folder).at(-1)?.name ?? rootLabel);
  const sameFolder = entries.every((entry) => parentOf(entry.path) === folder);
  const intoItself = entries.some((entry) => entry.kind === "folder" && isSameOrInside(folder, entry.path));
  const problem = sameFolder ? t("dialog.move.sameFolder") : intoItself ? t("dialog.move.intoItself") : null;

  return (
    <ModalDialog
      title={t("dialog.move.title", { count: entries.length, name: entries[0]?.name ?? "" })}
      onClose={onClose}
      closeLabel={t("dialog.close")}
      testId="move-dialog"
    >
      <nav aria-label={t("breadcrumb.label")} className="mb-2 text-sm">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <button type="button" className={buttonClass.quiet} onClick={() => setFolder("/")}>
              {rootLabel}
            </button>
          </li>
          {pathSegments(folder).map((segment) => (
            <li key={segment.path} className="flex items-center gap-1">
              <span aria-hidden="true">/</span>
              <button
                type="button"
                className={buttonClass.quiet}
                aria-current={segment.path === folder ? "location" : undefined}
                onClick={() => setFolder(segment.path)}
              >
                {segment.name}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <p className="text-sm font-medium" aria-live="polite">
        {t("dialog.move.destination", { folder: folderLabel })}
      </p>
      <ul
        aria-label={t("dialog.move.folders", { folder: folderLabel })}
        className="mt-2 divide-y divide-border rounded border border-border"
      >
        {folder !== "/" ? (
          <li>
            <button
              type="button"
              className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-surface-muted"
              onClick={() => setFolder(parentOf(folder))}
            >
              <span aria-hidden="true">↑</span> {t("dialog.move.up")}
            </button>
          </li>
        ) : null}
        {listing.isPending ? <li className="px-3 py-2 text-sm text-fg-muted">{t("list.loading")}</li> : null}
        {listing.isError ? (
          <li role="alert" className="px-3 py-2 text-sm text-danger">
            {describeError(listing.error)}
          </li>
        ) : null}
        {listing.isSuccess && folders.length === 0 ? (
          <li className="px-3 py-2 text-sm text-fg-muted">{t("dialog.move.noFolders")}</li>
        ) : null}
        {folders.map((entry) => {
          const moving = entries.some((moved) => moved.path === entry.path);
          return (
            <li key={entry.path}>
              <button
                type="button"
                disabled={moving}
                aria-label={t("dialog.move.open", { name: entry.name })}
                className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-surface-muted disabled:text-fg-muted"
                onClick={() => setFolder(entry.path)}
              >
                <span className="text-primary-ink">
                  <FileIcon name="folder" className="size-4" />
                </span>
                {entry.name}
              </button>
            </li>
          );
        })}
      </ul>
      {problem ? <p className="mt-2 text-sm text-fg-muted">{problem}</p> : null}
      {error ? (
        <p role="alert" className="mt-2 text-sm text-danger">
          {error}
        </p>
      ) : null}
      <DialogActions>
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          {t("dialog.cancel")}
        </button>
        <button
          type="button"
          className={buttonClass.primary}
          disabled={pending || problem !== null}
          onClick={() => {
            setPending(true);
            setError(null);
            onMove(folder).catch((caught: unknown) => {
              setError(describeError(caught));
              setPending(false);
            });
          }}
        >
          {t("dialog.move.submit")}
        </button>
      </DialogActions>
    </ModalDialog>
  );
}
