/**
 * The Files UI's writes: plain async functions over the JSON routes (app/api/files/**). Components
 * call them inside TanStack mutations and invalidate FILES_KEY afterwards; keeping the calls here
 * means one place knows each route's shape.
 */
import { fetchJson } from "./fetch-json";
import type { DeleteResult, FileEntry, ShareLink, TrashEntry } from "./types";

export function createFolder(path: string): Promise<FileEntry> {
  return fetchJson<FileEntry>("/api/files/folders", { method: "POST", body: { path } });
}

export function renameEntry(path: string, name: string): Promise<FileEntry> {
  return fetchJson<FileEntry>("/api/files/rename", { method: "POST", body: { path, name } });
}

export function moveEntry(from: string, to: string): Promise<FileEntry> {
  return fetchJson<FileEntry>("/api/files/move", { method: "POST", body: { from, to } });
}

export function copyEntry(from: string, to: string): Promise<FileEntry> {
  return fetchJson<FileEntry>("/api/files/copy", { method: "POST", body: { from, to } });
}

export function deleteEntries(paths: string[]): Promise<DeleteResult> {
  return fetchJson<DeleteResult>("/api/files/delete", { method: "POST", body: { paths } });
}

export function listTrash(): Promise<{ entries: TrashEntry[] }> {
  return fetchJson<{ entries: TrashEntry[] }>("/api/files/trash");
}

export function restoreFromTrash(id: string): Promise<FileEntry> {
  return fetchJson<FileEntry>("/api/files/trash/restore", { method: "POST", body: { id } });
}

export function purgeFromTrash(id: string): Promise<void> {
  return fetchJson<void>("/api/files/trash/purge", { method: "POST", body: { id } });
}

export function setFavourite(path: string, favourite: boolean): Promise<void> {
  return fetchJson<void>("/api/files/favourites", { method: "POST", body: { path, favourite } });
}

export function createShareLink(input: {
  path: string;
  access: "read" | "upload";
  password?: string;
  expiresOn?: string;
}): Promise<ShareLink> {
  return fetchJson<ShareLink>("/api/files/shares", { method: "POST", body: input });
}

export function revokeShareLink(id: string): Promise<void> {
  return fetchJson<void>(`/api/files/shares/${encodeURIComponent(id)}`, { method: "DELETE" });
}

/**
 * Restores what a delete just moved to the trash (the "Undo" of the toast): the newest trash entry
 * of each deleted path. The delete answer holds paths, the trash ids come from the trash listing.
 */
export async function restoreDeleted(paths: readonly string[]): Promise<void> {
  const { entries } = await listTrash();
  const newestFirst = [...entries].sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
  for (const path of paths) {
    const entry = newestFirst.find((candidate) => candidate.originalPath === path);
    if (entry) await restoreFromTrash(entry.id);
  }
}

export function restoreVersion(path: string, version: string): Promise<FileEntry> {
  return fetchJson<FileEntry>("/api/files/versions/restore", { method: "POST", body: { path, version } });
}
