"use client";
/**
 * The mailbox's folders with their unread counts: special folders first (inbox, drafts, sent,
 * archive, junk, trash) under their translated names, then the person's own folders as a tree
 * (indented by depth). Plain buttons in a navigation landmark; the current one is
 * `aria-current="page"`. Counts come from the server's STATUS, refreshed with every action.
 */
import { useTranslations } from "use-intl";
import type { MailFolder, SpecialUse } from "./api/types";

const SPECIAL_ORDER: readonly SpecialUse[] = ["inbox", "drafts", "sent", "archive", "junk", "trash"];

export function sortFolders(folders: readonly MailFolder[]): MailFolder[] {
  const special = SPECIAL_ORDER.flatMap((use) => folders.filter((folder) => folder.specialUse === use));
  const others = folders
    .filter((folder) => folder.specialUse === null)
    .sort((a, b) => a.path.localeCompare(b.path, "fr", { sensitivity: "base" }));
  return [...special, ...others];
}

function depthOf(folder: MailFolder): number {
  if (folder.specialUse !== null || !folder.delimiter) return 0;
  return folder.path.split(folder.delimiter).length - 1;
}

export function useFolderLabel(): (folder: MailFolder | undefined) => string {
  const t = useTranslations("mail.folders");
  return (folder) => (folder ? (folder.specialUse ? t(folder.specialUse) : folder.name) : "");
}

export function FolderNav({
  folders,
  current,
  onSelect,
}: {
  folders: readonly MailFolder[];
  current: string;
  onSelect: (path: string) => void;
}) {
  const t = useTranslations("mail.folders");
  const label = useFolderLabel();
  return (
    <nav aria-label={t("label")} data-testid="mail-folders">
      <ul className="space-y-0.5">
        {sortFolders(folders).map((folder) => {
          const name = label(folder);
          return (
            <li key={folder.path}>
              <button
                type="button"
                disabled={!folder.selectable}
                aria-current={folder.path === current ? "page" : undefined}
                onClick={() => onSelect(folder.path)}
                style={{ paddingLeft: `${0.75 + depthOf(folder) * 0.75}rem` }}
                className="flex min-h-10 w-full items-center gap-2 rounded-md pr-2 text-left text-sm hover:bg-surface-muted disabled:cursor-default disabled:text-fg-muted aria-[current=page]:bg-surface-muted aria-[current=page]:font-semibold"
              >
                <span className="min-w-0 flex-1 truncate">{name}</span>
                {folder.unread > 0 ? (
                  <span className="rounded-full bg-primary px-2 text-xs font-semibold text-on-primary">
                    <span aria-hidden="true">{folder.unread}</span>
                    <span className="sr-only">{t("unread", { count: folder.unread })}</span>
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
