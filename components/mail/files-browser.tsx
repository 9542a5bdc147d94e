"use client";
/**
 * The Files browser as the Mail dialogs show it ("save to Files" chooses a folder, "attach from
 * Files" chooses files): the shared FolderBrowser of the Files UI, worded with Mail's own strings
 * (the Mail page does not ship the Files namespace).
 */
import { useTranslations } from "use-intl";
import type { FileEntry } from "@/components/files/api/types";
import { FolderBrowser } from "@/components/files/folder-browser";

export function FilesBrowser({
  folder,
  onFolder,
  pickFiles,
}: {
  folder: string;
  onFolder: (path: string) => void;
  /** Given when files are listed too, each with a checkbox (attach); otherwise only folders (save). */
  pickFiles?: { picked: ReadonlySet<string>; onToggle: (entry: FileEntry) => void };
}) {
  const t = useTranslations("mail.filesBrowser");
  return (
    <FolderBrowser
      folder={folder}
      onFolder={onFolder}
      labels={{
        location: t("location"),
        root: t("root"),
        contents: (name) => t("contents", { folder: name }),
        up: t("up"),
        open: (name) => t("open", { name }),
        loading: t("loading"),
        empty: pickFiles ? t("emptyFolder") : t("noSubfolders"),
      }}
      describeError={() => t("failed")}
      pickFiles={pickFiles}
    />
  );
}
