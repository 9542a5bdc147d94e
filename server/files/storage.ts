/**
 * The one interface of the Files module's storage. Routes and pages talk to a `FileStorage` and
 * never know which adapter is behind it:
 *
 *   - server/files/local/      the embedded default: files on disk under FILES_ROOT, one folder per
 *                              user, metadata (ids, favourites, versions, trash, shares, uploads)
 *                              in the database;
 *   - integrations/nextcloud/  Nextcloud through WebDAV, chunked upload v2 and the OCS API, called
 *                              as the signed-in user.
 *
 * `getFileStorage()` (server/files/get-file-storage.ts) picks one from FILES_BACKEND. Both pass
 * the same contract suite (server/files/storage.contract.ts).
 *
 * Paths are `UserPath`s: already validated by server/files/paths.ts (`/`-rooted, normalised, no
 * `..`, no NUL, no backslash). Adapters still resolve them under the user's root and refuse
 * anything that would escape it (defence in depth). Bodies are Node streams: nothing here holds a
 * whole file in memory.
 */
import "server-only";
import type { Readable } from "node:stream";
import type { PortalUser } from "@/server/auth/portal-user";
import type * as Wire from "@/components/files/api/types";

/** A validated path below the user's root: `/`, `/Reports`, `/Reports/2026 bilan.pdf`. */
export type UserPath = string & { readonly __brand: "UserPath" };

export type FilePermissions = Wire.FilePermissions;

/** A file or folder; `path` is a validated UserPath. */
export type FileEntry = Omit<Wire.FileEntry, "path"> & { path: UserPath };

/** An inclusive byte range, as in `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface FileContent {
  body: Readable;
  /** Total size of the file. */
  size: number;
  /** The range this body holds, when a range was asked for and satisfiable. */
  range?: ByteRange;
  contentType: string;
  etag: string;
  lastModified: string;
}

export interface WriteOptions {
  /** Declared length of the body (Content-Length), when known. */
  size?: number;
  /** Refuse with CONFLICT unless the current ETag matches (optimistic concurrency). */
  ifMatch?: string;
  /** Default false: writing onto an existing path is a CONFLICT unless asked. Overwriting keeps a version. */
  overwrite?: boolean;
}

/** A resumable upload (see the wire type for its fields). */
export type UploadSession = Omit<Wire.UploadSession, "path"> & { path: UserPath };

export type TrashEntry = Omit<Wire.TrashEntry, "originalPath"> & { originalPath: UserPath };

export type FileVersion = Wire.FileVersion;

export interface ShareLinkInput {
  /** Plain password; stored hashed (locally) or given to Nextcloud. */
  password?: string;
  /** ISO date (YYYY-MM-DD) after which the link stops working. */
  expiresOn?: string;
  /** `read`: view and download; `upload`: drop files into a folder without seeing its content. */
  access: "read" | "upload";
}

export type ShareLink = Omit<Wire.ShareLink, "path"> & { path: UserPath };

/** Who is calling, and the signal that cancels the backend calls when the client goes away. */
export interface StorageContext {
  user: PortalUser;
  signal?: AbortSignal;
}

export interface FileStorage {
  readonly backend: "local" | "nextcloud";

  /** The entries of a folder (depth 1), without the folder itself. NOT_FOUND when it does not exist. */
  list(context: StorageContext, folder: UserPath): Promise<FileEntry[]>;
  stat(context: StorageContext, path: UserPath): Promise<FileEntry>;
  /**
   * The live entry with this id (`FileEntry.id`: stable across renames and moves, URL-safe — a
   * UUID locally, Nextcloud's numeric `oc:fileid`), wherever it is now. NOT_FOUND when the id is
   * unknown, malformed, in the trash, or not the user's: no oracle. The WOPI host's file ids are
   * these ids (server/office/wopi/).
   */
  statById(context: StorageContext, id: string): Promise<FileEntry>;
  /** A file's content, or the given range of it (416-worthy ranges throw RANGE_NOT_SATISFIABLE). */
  read(context: StorageContext, path: UserPath, range?: ByteRange): Promise<FileContent>;
  /** Streams a body into a file in one request (small files; large ones use upload sessions). */
  write(context: StorageContext, path: UserPath, body: Readable, options?: WriteOptions): Promise<FileEntry>;

  startUpload(context: StorageContext, path: UserPath, size: number, options?: WriteOptions): Promise<UploadSession>;
  getUpload(context: StorageContext, uploadId: string): Promise<UploadSession>;
  /** Appends a chunk at `offset` (must equal `received`, else CONFLICT with the session to resume from). */
  appendUpload(
    context: StorageContext,
    uploadId: string,
    offset: number,
    body: Readable,
    length: number,
  ): Promise<UploadSession>;
  /** Assembles the file once every byte arrived. */
  completeUpload(context: StorageContext, uploadId: string): Promise<FileEntry>;
  cancelUpload(context: StorageContext, uploadId: string): Promise<void>;

  createFolder(context: StorageContext, path: UserPath): Promise<FileEntry>;
  move(context: StorageContext, from: UserPath, to: UserPath, options?: { overwrite?: boolean }): Promise<FileEntry>;
  copy(context: StorageContext, from: UserPath, to: UserPath, options?: { overwrite?: boolean }): Promise<FileEntry>;
  /** Moves to the trash (restorable), never destroys. */
  delete(context: StorageContext, path: UserPath): Promise<void>;

  listTrash(context: StorageContext): Promise<TrashEntry[]>;
  /** Back to its original path (CONFLICT if that path is taken again). */
  restoreFromTrash(context: StorageContext, trashId: string): Promise<FileEntry>;
  purgeFromTrash(context: StorageContext, trashId: string): Promise<void>;

  listVersions(context: StorageContext, path: UserPath): Promise<FileVersion[]>;
  readVersion(context: StorageContext, path: UserPath, versionId: string): Promise<FileContent>;
  /** Makes a past version current; the replaced content becomes a version in turn. */
  restoreVersion(context: StorageContext, path: UserPath, versionId: string): Promise<FileEntry>;

  /** A small image of the file (images, PDFs where the backend can), or null when there is none. */
  preview(
    context: StorageContext,
    path: UserPath,
    size: { width: number; height: number },
  ): Promise<FileContent | null>;

  setFavourite(context: StorageContext, path: UserPath, favourite: boolean): Promise<void>;
  listFavourites(context: StorageContext): Promise<FileEntry[]>;
  /** Files most recently modified, newest first. */
  listRecent(context: StorageContext, limit: number): Promise<FileEntry[]>;
  /** Files and folders whose name contains `query` (case- and accent-insensitive where the backend can). */
  search(context: StorageContext, query: string, limit: number): Promise<FileEntry[]>;

  createShareLink(context: StorageContext, path: UserPath, input: ShareLinkInput): Promise<ShareLink>;
  /** The user's links, or those of one path. */
  listShareLinks(context: StorageContext, path?: UserPath): Promise<ShareLink[]>;
  revokeShareLink(context: StorageContext, shareId: string): Promise<void>;

  /**
   * What an anonymous visitor holding a link may reach (the portal's public page /s/{token}).
   * Unknown, expired and revoked tokens are all NOT_FOUND (no oracle); a missing or wrong password
   * is UNAUTHENTICATED. Nextcloud: its public WebDAV (`/public.php/dav/files/{token}`).
   */
  openShareLink(token: string, password: string | undefined, signal?: AbortSignal): Promise<PublicShare>;
}

/** A share link opened by its recipient. Paths are relative to the shared item (`/` is the item). */
export interface PublicShare {
  access: "read" | "upload";
  /** The shared file or folder itself, as `/`. */
  root: FileEntry;
  /** Only for `read` links. */
  list(folder: UserPath): Promise<FileEntry[]>;
  read(path: UserPath, range?: ByteRange): Promise<FileContent>;
  /** Only for `upload` links on a folder: drops a new file (never overwrites). */
  write(path: UserPath, body: Readable, options?: WriteOptions): Promise<FileEntry>;
}
