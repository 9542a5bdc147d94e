/**
 * The Files HTTP API's shapes as the browser receives them (JSON): the one definition of them.
 * server/files/storage.ts derives its types from these (paths branded as validated `UserPath`s),
 * because components/ may not import server code while the server may import these plain types.
 */

export interface FilePermissions {
  read: boolean;
  /** Change the file's content (or, for a folder, its entries). */
  write: boolean;
  /** Create entries inside (folders only). */
  create: boolean;
  delete: boolean;
  rename: boolean;
  share: boolean;
}

export interface FileEntry {
  /** Stable across renames and moves (Nextcloud `oc:fileid`, a UUID locally). */
  id: string;
  path: string;
  name: string;
  kind: "file" | "folder";
  /** Bytes; for a folder, the size of everything inside it when the backend knows it, else 0. */
  size: number;
  /** Changes whenever the content changes (strong ETag value, quotes included). */
  etag: string;
  /** ISO 8601 */
  lastModified: string;
  /** MIME type of a file; null for folders. */
  contentType: string | null;
  permissions: FilePermissions;
  hasPreview: boolean;
  favourite: boolean;
}

/** A resumable upload: the client sends chunks at increasing offsets, pauses, resumes, completes. */
export interface UploadSession {
  id: string;
  path: string;
  size: number;
  /** Bytes received so far: a resumed upload continues from here. */
  received: number;
  /** ISO 8601; an abandoned upload is cleaned up after this. */
  expiresAt: string;
}

export interface TrashEntry {
  /** Opaque id to restore or purge this entry. */
  id: string;
  name: string;
  originalPath: string;
  kind: "file" | "folder";
  size: number;
  deletedAt: string;
}

export interface FileVersion {
  /** Opaque id (Nextcloud: the version's timestamp name). */
  id: string;
  size: number;
  lastModified: string;
  etag: string;
}

export interface ShareLink {
  id: string;
  path: string;
  token: string;
  /** Absolute URL the recipient opens (the portal's public page). */
  url: string;
  access: "read" | "upload";
  hasPassword: boolean;
  expiresOn: string | null;
  createdAt: string;
}

export interface FolderListing {
  folder: FileEntry;
  entries: FileEntry[];
}

export interface DeleteResult {
  deleted: string[];
  failed: Array<{ path: string; error: { code: string; message: string } | string }>;
}

/** GET /api/public/shares/{token} */
export interface PublicShareListing {
  access: "read" | "upload";
  root: FileEntry;
  entries?: FileEntry[];
}
