/**
 * What a person dropped or picked, as files with their path relative to the drop target, and the
 * folders (even empty ones) to create first.
 *
 * Dropped folders are walked with the File and Directory Entries API (`webkitGetAsEntry`), the one
 * way browsers expose a dropped folder's content. The entries must be taken synchronously inside
 * the drop event (the DataTransfer is emptied once it returns); the walk itself is asynchronous.
 * `readEntries` answers in batches (100 in Chromium): call it until it returns none.
 */
import type { FileToUpload } from "./upload-engine";

export interface CollectedFiles {
  files: FileToUpload[];
  /** Folders relative to the target, e.g. `Dossier` and `Dossier/vide`. */
  folders: string[];
}

/** Call synchronously in the drop handler; await the result afterwards. */
export function collectDroppedFiles(dataTransfer: DataTransfer): Promise<CollectedFiles> {
  const entries: FileSystemEntry[] = [];
  const plainFiles: File[] = [];
  for (const item of Array.from(dataTransfer.items)) {
    if (item.kind !== "file") continue;
    const entry = typeof item.webkitGetAsEntry === "function" ? item.webkitGetAsEntry() : null;
    if (entry) entries.push(entry);
    else {
      const file = item.getAsFile();
      if (file) plainFiles.push(file);
    }
  }
  if (entries.length === 0 && plainFiles.length === 0) {
    plainFiles.push(...Array.from(dataTransfer.files));
  }
  return walk(entries, plainFiles);
}

async function walk(entries: FileSystemEntry[], plainFiles: File[]): Promise<CollectedFiles> {
  const result: CollectedFiles = {
    files: plainFiles.map((file) => ({ file, relativePath: file.name })),
    folders: [],
  };
  const visit = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    const relativePath = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (isFileEntry(entry)) {
      const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject));
      result.files.push({ file, relativePath });
    } else if (isDirectoryEntry(entry)) {
      result.folders.push(relativePath);
      for (const child of await readAll(entry)) await visit(child, relativePath);
    }
  };
  for (const entry of entries) await visit(entry, "");
  return result;
}

function readAll(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  return new Promise((resolve, reject) => {
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(all);
        else {
          all.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

function isFileEntry(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

function isDirectoryEntry(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}

/** Files from `<input type="file" webkitdirectory>`: each carries its `webkitRelativePath`. */
export function collectPickedFiles(list: FileList): CollectedFiles {
  const files = Array.from(list).map((file) => ({
    file,
    relativePath: file.webkitRelativePath || file.name,
  }));
  return { files, folders: [] };
}
