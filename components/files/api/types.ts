/**
 * The Files HTTP API's shapes as the browser receives them (JSON). They mirror the server's
 * server/files/storage.ts, which components/ may not import (it is server-only code, and the lint
 * rule keeps server modules out of the browser bundle); keep both in step.
 */

export interface FilePermissions {
  read: boolean;
  write: boolean;
  create: boolean;
  delete: boolean;
  rename: boolean;
  share: boolean;
}

export interface FileEntry {
  id: string;
  path: string;
  name: string;
  kind: "file" | "folder";
  size: number;
  etag: string;
  lastModified: string;
  contentType: string | null;
  permissions: FilePermissions;
  hasPreview: boolean;
  favourite: boolean;
}

export interface UploadSession {
  id: string;
  path: string;
  size: number;
  received: number;
  expiresAt: string;
}

export interface TrashEntry {
  id: string;
  name: string;
  originalPath: string;
  kind: "file" | "folder";
  size: number;
  deletedAt: string;
}

export interface FileVersion {
  id: string;
  size: number;
  lastModified: string;
  etag: string;
}

export interface ShareLink {
  id: string;
  path: string;
  token: string;
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
