"use client";
/**
 * "Move": a folder picker. It browses the user's folders with the shared FolderBrowser (the same
 * listing route as the page, one level at a time), shows where the items would go, and refuses in
 * place what cannot be done (into the folder they are already in, or a folder into itself).
 */
import { useState } from "react";
import { useTranslations } from "use-intl";
import type { FileEntry } from "../api/types";
import { isSameOrInside, parentOf, pathSegments } from "../file-paths";
import { FolderBrowser } from "../folder-browser";
import { buttonClass, DialogActions, DialogError, ModalDialog } from "./modal-dialog";

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
      <FolderBrowser
        folder={folder}
        onFolder={setFolder}
        labels={{
          location: t("breadcrumb.label"),
          root: rootLabel,
          contents: (name) => t("dialog.move.folders", { folder: name }),
          up: t("dialog.move.up"),
          open: (name) => t("dialog.move.open", { name }),
          loading: t("list.loading"),
          empty: t("dialog.move.noFolders"),
        }}
        describeError={describeError}
        isUnavailable={(folderEntry) => entries.some((moved) => moved.path === folderEntry.path)}
      />
      <p className="mt-2 text-sm font-medium" aria-live="polite">
        {t("dialog.move.destination", { folder: folderLabel })}
      </p>
      {problem ? <p className="mt-2 text-sm text-fg-muted">{problem}</p> : null}
      <DialogError message={error} />
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
