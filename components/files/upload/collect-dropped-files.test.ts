/**
 * The walk of a dropped folder tree. Node has no File and Directory Entries API, so the entries
 * here are small stand-ins with the API's shape and its one trap: `readEntries` answers in batches
 * and must be called until it returns an empty one (Chromium gives 100 at a time).
 */
import { describe, expect, it } from "vitest";
import { collectDroppedFiles, collectPickedFiles } from "./collect-dropped-files";

type Tree = { [name: string]: string | Tree };

function fileEntry(name: string, text: string): FileSystemFileEntry {
  return {
    name,
    isFile: true,
    isDirectory: false,
    file: (resolve: (file: File) => void) => resolve(new File([text], name)),
  } as unknown as FileSystemFileEntry;
}

function directoryEntry(name: string, tree: Tree, batch = 2): FileSystemDirectoryEntry {
  const children = Object.entries(tree).map(([child, value]) =>
    typeof value === "string" ? fileEntry(child, value) : directoryEntry(child, value, batch),
  );
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let position = 0;
      return {
        readEntries: (resolve: (entries: FileSystemEntry[]) => void) => {
          const next = children.slice(position, position + batch);
          position += next.length;
          setTimeout(() => resolve(next), 0);
        },
      };
    },
  } as unknown as FileSystemDirectoryEntry;
}

function dropOf(entries: FileSystemEntry[]): DataTransfer {
  return {
    items: entries.map((entry) => ({ kind: "file", webkitGetAsEntry: () => entry, getAsFile: () => null })),
    files: [],
  } as unknown as DataTransfer;
}

describe("collectDroppedFiles", () => {
  it("walks nested folders through every batch of readEntries, keeping relative paths and empty folders", async () => {
    const tree: Tree = {
      "a.txt": "a",
      "b.txt": "b",
      "c.txt": "c",
      Sous: { "d.txt": "d", Vide: {} },
    };
    const collected = await collectDroppedFiles(
      dropOf([directoryEntry("Service", tree), fileEntry("seul.pdf", "%PDF")]),
    );
    expect(collected.files.map((file) => file.relativePath).sort()).toEqual([
      "Service/Sous/d.txt",
      "Service/a.txt",
      "Service/b.txt",
      "Service/c.txt",
      "seul.pdf",
    ]);
    expect(collected.folders.sort()).toEqual(["Service", "Service/Sous", "Service/Sous/Vide"]);
    const d = collected.files.find((file) => file.relativePath === "Service/Sous/d.txt");
    expect(await d?.file.text()).toBe("d");
  });

  it("falls back to plain files when the browser gives no entries", async () => {
    const file = new File(["x"], "x.txt");
    const transfer = {
      items: [{ kind: "file", webkitGetAsEntry: () => null, getAsFile: () => file }],
      files: [file],
    } as unknown as DataTransfer;
    expect(await collectDroppedFiles(transfer)).toEqual({ files: [{ file, relativePath: "x.txt" }], folders: [] });
  });
});

describe("collectPickedFiles", () => {
  it("keeps the folder structure of <input webkitdirectory>", () => {
    const file = new File(["y"], "y.txt");
    Object.defineProperty(file, "webkitRelativePath", { value: "Dossier/sous/y.txt" });
    const list = [file] as unknown as FileList;
    expect(collectPickedFiles(list).files).toEqual([{ file, relativePath: "Dossier/sous/y.txt" }]);
  });
});
