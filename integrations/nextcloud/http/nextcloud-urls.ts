/**
 * Every URL the adapter calls, built from NEXTCLOUD_URL and nothing else: fixed templates
 * (`/remote.php/dav/files/{uid}/…`, `/ocs/v2.php/…`) with each variable part percent-encoded as
 * one segment. A segment that could change the path's meaning (`.`, `..`, a slash, a backslash,
 * NUL) is refused here too, even though paths reach this layer already validated: the portal must
 * never be talked into calling another path or host (no open proxy, no SSRF).
 *
 * The reverse direction, `hrefToRelative`, turns the `d:href` of a multistatus answer back into a
 * path below a known root, and refuses hrefs outside it.
 */
import "server-only";
import { AppError } from "@/server/errors";

export class NextcloudUrls {
  /** Origin plus Nextcloud's own path prefix, if any (`https://cloud.example/nextcloud`), no trailing slash. */
  readonly base: URL;

  constructor(nextcloudUrl: string) {
    const base = new URL(nextcloudUrl);
    if (base.protocol !== "https:" && base.protocol !== "http:") {
      throw new AppError("NOT_CONFIGURED", { message: "NEXTCLOUD_URL must be http(s)" });
    }
    if (base.username || base.password || base.search || base.hash) {
      throw new AppError("NOT_CONFIGURED", { message: "NEXTCLOUD_URL must be a plain base URL" });
    }
    base.pathname = base.pathname.replace(/\/+$/, "");
    this.base = base;
  }

  /** The base path every Nextcloud URL starts with (`` or `/nextcloud`). */
  get basePath(): string {
    return this.base.pathname === "/" ? "" : this.base.pathname;
  }

  /** A URL at `path` (already encoded, starting with `/`) below the base, with an optional query. */
  at(encodedPath: string, query?: Record<string, string>): URL {
    const url = new URL(this.base.href);
    url.pathname = `${this.basePath}${encodedPath}`;
    if (query) for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    if (url.origin !== this.base.origin) throw new AppError("BAD_REQUEST", { userMessage: "invalid path" });
    return url;
  }

  /** `/remote.php/dav/files/{uid}/{path}` (folders keep a trailing slash when asked). */
  files(uid: string, path: string, options: { folder?: boolean } = {}): URL {
    return this.at(`/remote.php/dav/files/${encodeSegment(uid)}${encodePath(path, options.folder)}`);
  }

  /** `/remote.php/dav/uploads/{uid}/{uploadFolder}[/{chunk}]` (chunked upload v2). */
  uploads(uid: string, uploadFolder: string, chunk?: string): URL {
    const tail = chunk === undefined ? "" : `/${encodeSegment(chunk)}`;
    return this.at(`/remote.php/dav/uploads/${encodeSegment(uid)}/${encodeSegment(uploadFolder)}${tail}`);
  }

  /** `/remote.php/dav/trashbin/{uid}/trash[/{item}]` and `/remote.php/dav/trashbin/{uid}/restore/{item}`. */
  trash(uid: string, item?: string): URL {
    const tail = item === undefined ? "" : `/${encodeSegment(item)}`;
    return this.at(`/remote.php/dav/trashbin/${encodeSegment(uid)}/trash${tail}`);
  }

  trashRestore(uid: string, item: string): URL {
    return this.at(`/remote.php/dav/trashbin/${encodeSegment(uid)}/restore/${encodeSegment(item)}`);
  }

  /** `/remote.php/dav/versions/{uid}/versions/{fileid}[/{version}]`. */
  versions(uid: string, fileId: string, version?: string): URL {
    const tail = version === undefined ? "" : `/${encodeSegment(version)}`;
    return this.at(`/remote.php/dav/versions/${encodeSegment(uid)}/versions/${encodeSegment(fileId)}${tail}`);
  }

  versionRestore(uid: string): URL {
    return this.at(`/remote.php/dav/versions/${encodeSegment(uid)}/restore/target`);
  }

  /** `/remote.php/dav` (SEARCH is sent here). */
  davRoot(): URL {
    return this.at("/remote.php/dav/");
  }

  /** Public link WebDAV: `/public.php/dav/files/{token}/{path}`. */
  publicFiles(token: string, path: string, options: { folder?: boolean } = {}): URL {
    return this.at(`/public.php/dav/files/${encodeSegment(token)}${encodePath(path, options.folder)}`);
  }

  ocs(path: string, query?: Record<string, string>): URL {
    return this.at(`/ocs/v2.php${path}`, { format: "json", ...query });
  }

  preview(fileId: string, width: number, height: number): URL {
    return this.at("/index.php/core/preview", {
      fileId,
      x: String(width),
      y: String(height),
      a: "1",
      forceIcon: "0",
    });
  }
}

/** One path segment, percent-encoded; refuses anything that could change the path's shape. */
export function encodeSegment(segment: string): string {
  if (segment === "" || segment === "." || segment === "..") {
    throw new AppError("BAD_REQUEST", { userMessage: "invalid path" });
  }
  if (/[/\\\u0000-\u001f]/.test(segment)) throw new AppError("BAD_REQUEST", { userMessage: "invalid path" });
  return encodeURIComponent(segment);
}

/** `/a/b c` → `/a/b%20c`; `/` → `/`. Folders end with `/`. */
export function encodePath(path: string, folder = false): string {
  if (!path.startsWith("/")) throw new AppError("BAD_REQUEST", { userMessage: "invalid path" });
  const segments = path.split("/").filter((segment) => segment !== "");
  const encoded = segments.map(encodeSegment).join("/");
  if (encoded === "") return "/";
  return `/${encoded}${folder ? "/" : ""}`;
}

/**
 * `href` of a multistatus answer (absolute URL or absolute path) → the decoded path below
 * `rootPath` (an encoded path ending with `/`), as `/a/b`; null when outside the root.
 */
export function hrefToRelative(href: string, rootPath: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(href, "http://nextcloud.invalid").pathname;
  } catch {
    return null;
  }
  const root = rootPath.endsWith("/") ? rootPath : `${rootPath}/`;
  if (pathname === root.slice(0, -1) || pathname === root) return "/";
  // Compare decoded forms: servers differ in which characters they percent-encode.
  const decode = (value: string) => {
    try {
      return value.split("/").map(decodeURIComponent);
    } catch {
      return null;
    }
  };
  const rootParts = decode(root.slice(0, -1));
  const parts = decode(pathname.replace(/\/+$/, ""));
  if (!rootParts || !parts || parts.length <= rootParts.length) return null;
  for (let index = 0; index < rootParts.length; index += 1) if (parts[index] !== rootParts[index]) return null;
  const rest = parts.slice(rootParts.length);
  if (rest.some((part) => part === "" || part === "." || part === ".." || part.includes("\\") || part.includes("\0")))
    return null;
  return `/${rest.join("/")}`;
}
