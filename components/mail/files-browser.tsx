"use client";
/**
 * A small browser of the person's Files, inside the Mail dialogs: "save to Files" chooses a
 * folder, "attach from Files" chooses files. It reads the Files API's listing route
 * (GET /api/files/list?path=…, one level at a time, through the Files UI's own query), so it shows
 * exactly what /files shows.
 */
import { useTranslations } from "use-intl";
import { buttonClass } from "@/components/files/dialogs/modal-dialog";
import { useFolder } from "@/components/files/api/file-queries";
import type { FileEntry } from "@/components/files/api/types";
import { parentOf, pathSegments } from "@/components/files/file-paths";

export function FilesBrowser({
  folder,
  onFolder,
  pickFiles,
  picked,
  onToggleFile,
}: {
  folder: string;
  onFolder: (path: string) => void;
  /** When true, files are listed with a checkbox each (attach); otherwise only folders (save). */
  pickFiles: boolean;
  picked?: ReadonlySet<string>;
  onToggleFile?: (entry: FileEntry) => void;
}) {
  const t = useTranslations("mail.filesBrowser");
  const listing = useFolder(folder);
  const entries = (listing.data?.entries ?? []).filter((entry) => pickFiles || entry.kind === "folder");
  const folderName = folder === "/" ? t("root") : (pathSegments(folder).at(-1)?.name ?? t("root"));

  return (
    <div data-testid="files-browser">
      <nav aria-label={t("location")} className="mb-2 text-sm">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <button type="button" className={buttonClass.quiet} onClick={() => onFolder("/")}>
              {t("root")}
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
      {listing.isPending ? <p className="text-sm text-fg-muted">{t("loading")}</p> : null}
      {listing.isError ? (
        <p role="alert" className="text-sm text-danger">
          {t("failed")}
        </p>
      ) : null}
      <ul
        aria-label={t("contents", { folder: folderName })}
        className="max-h-72 divide-y divide-border overflow-y-auto rounded border border-border"
      >
        {folder !== "/" ? (
          <li>
            <button
              type="button"
              className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-surface-muted"
              onClick={() => onFolder(parentOf(folder))}
            >
              <span aria-hidden="true">↑</span> {t("up")}
            </button>
          </li>
        ) : null}
        {entries.map((entry) =>
          entry.kind === "folder" ? (
            <li key={entry.path}>
              <button
                type="button"
                className="flex w-full items-center gap-2 px-3 py-2 text-left text-sm hover:bg-surface-muted"
                onClick={() => onFolder(entry.path)}
              >
                <span aria-hidden="true">📁</span>
                <span className="truncate">{entry.name}</span>
              </button>
            </li>
          ) : (
            <li key={entry.path} className="px-3 py-2 text-sm">
              <label className="flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={picked?.has(entry.path) ?? false}
                  onChange={() => onToggleFile?.(entry)}
                />
                <span className="truncate">{entry.name}</span>
              </label>
            </li>
          ),
        )}
        {listing.isSuccess && entries.length === 0 ? (
          <li className="px-3 py-2 text-sm text-fg-muted">{pickFiles ? t("emptyFolder") : t("noSubfolders")}</li>
        ) : null}
      </ul>
    </div>
  );
}
