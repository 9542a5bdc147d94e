/**
 * The properties the adapter asks Nextcloud for on every listing, and their mapping to the
 * portal's FileEntry (server/files/storage.ts).
 *
 * `oc:permissions` is a string of letters (Nextcloud's WebDAV docs): S shared, R reshare allowed,
 * M mounted, G readable, D deletable, N renamable, V movable, W writable (file), C may create
 * files, K may create folders (folders). `oc:size` is a folder's recursive size; files also have
 * `d:getcontentlength`. `oc:fileid` is unique across the instance and stable across renames.
 */
import "server-only";
import type { FileEntry, FilePermissions, UserPath } from "@/server/files/storage";
import type { DavResponse } from "@/integrations/nextcloud/dav/multistatus";
import { hrefToRelative } from "@/integrations/nextcloud/http/nextcloud-urls";

export const NS = 'xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns"';

/** The `<d:prop>` body of every listing. */
export const FILE_PROPS = [
  "<d:getlastmodified/>",
  "<d:getetag/>",
  "<d:getcontenttype/>",
  "<d:getcontentlength/>",
  "<d:resourcetype/>",
  "<oc:fileid/>",
  "<oc:permissions/>",
  "<oc:size/>",
  "<oc:favorite/>",
  "<nc:has-preview/>",
].join("");

export const PROPFIND_BODY = `<?xml version="1.0" encoding="UTF-8"?><d:propfind ${NS}><d:prop>${FILE_PROPS}</d:prop></d:propfind>`;

/** Nextcloud's permission letters as the portal's permissions. */
export function parsePermissions(letters: string | undefined, kind: "file" | "folder"): FilePermissions {
  // A server that does not send oc:permissions (it always does) gets the benefit of the doubt:
  // Nextcloud itself refuses what is not allowed, and the error reaches the user.
  if (letters === undefined) {
    return { read: true, write: true, create: kind === "folder", delete: true, rename: true, share: true };
  }
  const has = (letter: string) => letters.includes(letter);
  return {
    // G (readable) is only sent by recent servers; without it, an entry one can list is readable.
    read: has("G") || !/[G]/.test(letters),
    write: kind === "file" ? has("W") : has("C") || has("K"),
    create: kind === "folder" && (has("C") || has("K")),
    delete: has("D"),
    rename: has("N") || has("V"),
    share: has("R"),
  };
}

/** A strong ETag value with its quotes, as FileEntry wants it (Nextcloud sends `"abc"`). */
export function normaliseEtag(raw: string | undefined): string {
  const value = (raw ?? "").trim();
  if (value === "") return '""';
  return value.startsWith('"') || value.startsWith("W/") ? value : `"${value}"`;
}

function isoDate(httpDate: string | undefined): string {
  const time = httpDate ? Date.parse(httpDate) : Number.NaN;
  return new Date(Number.isNaN(time) ? 0 : time).toISOString();
}

function joinPath(base: string, relative: string): string {
  if (relative === "/") return base;
  return base === "/" ? relative : `${base}${relative}`;
}

/**
 * One multistatus response as a FileEntry. `rootPath` is the encoded path of the listing root
 * (`/remote.php/dav/files/alice/`), `mountedAt` the user path it corresponds to (`/` normally).
 * Null for a response outside the root (never trusted).
 */
export function toFileEntry(response: DavResponse, rootPath: string, mountedAt = "/"): FileEntry | null {
  const relative = hrefToRelative(response.href, rootPath);
  if (relative === null) return null;
  const path = joinPath(mountedAt, relative) as UserPath;
  const kind = response.isCollection ? "folder" : "file";
  const { props } = response;
  const size = Number(props.size ?? props.getcontentlength ?? 0);
  const name = path === "/" ? "" : (path.split("/").pop() ?? "");
  return {
    id: props.fileid || `path:${path}`,
    path,
    name,
    kind,
    size: Number.isFinite(size) && size >= 0 ? size : 0,
    etag: normaliseEtag(props.getetag),
    lastModified: isoDate(props.getlastmodified),
    contentType: kind === "folder" ? null : props.getcontenttype || "application/octet-stream",
    permissions: parsePermissions(props.permissions, kind),
    hasPreview: props["has-preview"] === "true" || props["has-preview"] === "1",
    favourite: props.favorite === "1",
  };
}
