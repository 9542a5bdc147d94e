/**
 * Path helpers for the browser, on the API's path form (`/`, `/Reports`, `/Reports/a.pdf`). The
 * server validates every path again (server/files/paths.ts); these only build and split them.
 */

export function joinPath(folder: string, name: string): string {
  return folder === "/" ? `/${name}` : `${folder}/${name}`;
}

export function parentOf(path: string): string {
  const index = path.lastIndexOf("/");
  return index <= 0 ? "/" : path.slice(0, index);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** `/a/b` → [{ name: "a", path: "/a" }, { name: "b", path: "/a/b" }] */
export function pathSegments(path: string): Array<{ name: string; path: string }> {
  const names = path.split("/").filter(Boolean);
  return names.map((name, index) => ({ name, path: `/${names.slice(0, index + 1).join("/")}` }));
}

/** True when `path` is `folder` itself or inside it (a folder cannot be moved into itself). */
export function isSameOrInside(path: string, folder: string): boolean {
  return path === folder || (folder === "/" ? true : path.startsWith(`${folder}/`));
}

/** Names the server refuses anyway; checked early so a dialog can say so in place. */
export function isValidName(name: string): boolean {
  const trimmed = name.trim();
  return (
    trimmed.length > 0 &&
    trimmed === name &&
    name !== "." &&
    name !== ".." &&
    !/[/\\\u0000-\u001f]/.test(name) &&
    new TextEncoder().encode(name).length <= 255
  );
}

/** The /files page's URL for a folder. */
export function folderHref(path: string): string {
  return path === "/" ? "/files" : `/files?path=${encodeURIComponent(path)}`;
}

export function contentUrl(path: string, download = false): string {
  const params = new URLSearchParams({ path });
  if (download) params.set("download", "1");
  return `/api/files/content?${params.toString()}`;
}
