"use client";
/**
 * Browsing the person's Files one folder at a time, inside a dialog: a breadcrumb back to any
 * parent, "up", and the folder's subfolders to open. Files' "Move" uses it to choose a destination,
 * Mail uses it to choose where to save an attachment and which files to attach (with `pickFiles`,
 * files are listed too, each with a checkbox). It reads the same listing route and query as the
 * Files page (GET /api/files/list?path=…), so it shows exactly what /files shows.
 *
 * Its strings come from the caller already translated: the Mail page does not ship the Files
 * namespace to the browser, and each dialog words its list its own way.
 */
import { useFolder } from "./api/file-queries";
import type { FileEntry } from "./api/types";
import { buttonClass } from "./dialogs/modal-dialog";
import { FileIcon } from "./file-icons";
import { parentOf, pathSegments } from "./file-paths";

export interface FolderBrowserLabels {
  /** The breadcrumb's accessible name. */
  location: string;
  /** The name of "/" ("Mes fichiers"). */
  root: string;
  /** The list's accessible name, given the shown folder's name. */
  contents: (folderName: string) => string;
  up: string;
  /** A subfolder button's accessible name, given its name ("Ouvrir le dossier Archives"). */
  open: (name: string) => string;
  loading: string;
  /** Shown when the folder has nothing to list. */
  empty: string;
}

export function FolderBrowser({
  folder,
  onFolder,
  labels,
  describeError,
  isUnavailable,
  pickFiles,
}: {
  folder: string;
  onFolder: (path: string) => void;
  labels: FolderBrowserLabels;
  describeError: (error: unknown) => string;
  /** Folders shown but not openable (the folders being moved). */
  isUnavailable?: (entry: FileEntry) => boolean;
  /** List files too, each with a checkbox: which are picked, and what a click does. */
  pickFiles?: { picked: ReadonlySet<string>; onToggle: (entry: FileEntry) => void };
}) {
  const listing = useFolder(folder);
  const entries = (listing.data?.entries ?? []).filter((entry) => pickFiles || entry.kind === "folder");
  const folderName = folder === "/" ? labels.root : (pathSegments(folder).at(-1)?.name ?? labels.root);

  return (
    <div data-testid="folder-browser">
      <nav aria-label={labels.location} className="mb-2 text-sm">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <button type="button" className={buttonClass.quiet} onClick={() => onFolder("/")}>
              {labels.root}
            </button>
          </li>
          {pathSegments(folder).map((segment) => (
            <li key={segment.path} className="flex items-center gap-1">
              <span aria-hidden="true">/</span>
              <button
                type="button"
                className={buttonClass.quiet}
                aria-current={segment.path === folder ? "location" : undefined}
                onClick={() => onFolder(segment.path)}
              >
                {segment.name}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <ul
        aria-label={labels.contents(folderName)}
        className="max-h-72 divide-y divide-border overflow-y-auto rounded border border-border"
      >
        {folder !== "/" ? (
          <li>
            <button
              type="button"
              className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-surface-muted"
              onClick={() => onFolder(parentOf(folder))}
            >
              <span aria-hidden="true">↑</span> {labels.up}
            </button>
          </li>
        ) : null}
        {listing.isPending ? <li className="px-3 py-2 text-sm text-fg-muted">{labels.loading}</li> : null}
        {listing.isError ? (
          <li role="alert" className="px-3 py-2 text-sm text-danger">
            {describeError(listing.error)}
          </li>
        ) : null}
        {listing.isSuccess && entries.length === 0 ? (
          <li className="px-3 py-2 text-sm text-fg-muted">{labels.empty}</li>
        ) : null}
        {entries.map((entry) =>
          entry.kind === "folder" ? (
            <li key={entry.path}>
              <button
                type="button"
                disabled={isUnavailable?.(entry) ?? false}
                aria-label={labels.open(entry.name)}
                className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-surface-muted disabled:text-fg-muted"
                onClick={() => onFolder(entry.path)}
              >
                <span className="text-primary-ink">
                  <FileIcon name="folder" className="size-4" />
                </span>
                <span className="truncate">{entry.name}</span>
              </button>
            </li>
          ) : (
            <li key={entry.path} className="px-3 py-2 text-sm">
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={pickFiles?.picked.has(entry.path) ?? false}
                  onChange={() => pickFiles?.onToggle(entry)}
                />
                <span className="truncate">{entry.name}</span>
              </label>
            </li>
          ),
        )}
      </ul>
    </div>
  );
}
