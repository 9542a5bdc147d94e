/**
 * What a zip download will hold, worked out from metadata alone before the first byte is sent:
 * every selected file, and every file and folder below each selected folder, with its name inside
 * the archive. A missing path or a too-large selection is then still a clean 404 or 413, not a
 * truncated archive.
 *
 * Top-level names are the selected items' own names; two items with the same name (from different
 * folders) become `report.pdf` and `report (2).pdf`. Limits bound the walk: MAX_ZIP_ENTRIES.
 */
import "server-only";
import { AppError } from "@/server/errors";
import { baseName } from "@/server/files/paths";
import type { FileEntry, FileStorage, StorageContext, UserPath } from "@/server/files/storage";

/** More entries than this in one archive: 413 (a zip of a whole share is a job for a sync client). */
export const MAX_ZIP_ENTRIES = 20_000;

export interface ZipItem {
  entry: FileEntry;
  /** Name inside the archive, `/`-separated; folders end with `/`. */
  name: string;
}

function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) {
    taken.add(name);
    return name;
  }
  const dot = name.lastIndexOf(".");
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  for (let index = 2; ; index += 1) {
    const candidate = `${stem} (${index})${extension}`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

export async function planZip(
  storage: FileStorage,
  context: StorageContext,
  paths: readonly UserPath[],
): Promise<ZipItem[]> {
  const items: ZipItem[] = [];
  const add = (item: ZipItem): void => {
    items.push(item);
    if (items.length > MAX_ZIP_ENTRIES)
      throw new AppError("PAYLOAD_TOO_LARGE", {
        userMessage: `too many entries for one zip: at most ${MAX_ZIP_ENTRIES}`,
      });
  };
  const walk = async (folder: UserPath, prefix: string): Promise<void> => {
    for (const child of await storage.list(context, folder)) {
      const name = `${prefix}${child.name}`;
      if (child.kind === "folder") {
        add({ entry: child, name: `${name}/` });
        await walk(child.path, `${name}/`);
      } else add({ entry: child, name });
    }
  };

  const topLevel = new Set<string>();
  for (const path of new Set(paths)) {
    const entry = await storage.stat(context, path);
    if (entry.kind === "file") {
      add({ entry, name: uniqueName(entry.name, topLevel) });
      continue;
    }
    // The root has no name of its own: its entries go at the top of the archive.
    if (baseName(path) === "") {
      await walk(path, "");
      continue;
    }
    const name = uniqueName(entry.name, topLevel);
    add({ entry, name: `${name}/` });
    await walk(path, `${name}/`);
  }
  return items;
}
