/**
 * The Files UI's reads, as TanStack Query hooks: one query key per view, each through `fetchJson`.
 * Every key starts with FILES_KEY so that one invalidation refreshes whatever the user looks at
 * after a change (a move changes a folder, the recent list and the search results at once).
 */
import { useQuery } from "@tanstack/react-query";
import { apiUrl, fetchJson } from "./fetch-json";
import type { FileEntry, FileVersion, FolderListing, ShareLink, TrashEntry } from "./types";

export const FILES_KEY = ["files"] as const;

export const filesKeys = {
  folder: (path: string) => [...FILES_KEY, "folder", path] as const,
  recent: (limit: number) => [...FILES_KEY, "recent", limit] as const,
  favourites: () => [...FILES_KEY, "favourites"] as const,
  search: (query: string) => [...FILES_KEY, "search", query] as const,
  trash: () => [...FILES_KEY, "trash"] as const,
  shares: (path: string) => [...FILES_KEY, "shares", path] as const,
  versions: (path: string) => [...FILES_KEY, "versions", path] as const,
};

export function fetchFolder(path: string, signal?: AbortSignal): Promise<FolderListing> {
  return fetchJson<FolderListing>(apiUrl("/api/files/list", { path }), { signal });
}

export function useFolder(path: string, enabled = true) {
  return useQuery({ queryKey: filesKeys.folder(path), queryFn: ({ signal }) => fetchFolder(path, signal), enabled });
}

export function useRecent(limit = 50, enabled = true) {
  return useQuery({
    queryKey: filesKeys.recent(limit),
    queryFn: ({ signal }) => fetchJson<{ entries: FileEntry[] }>(apiUrl("/api/files/recent", { limit }), { signal }),
    enabled,
  });
}

export function useFavourites(enabled = true) {
  return useQuery({
    queryKey: filesKeys.favourites(),
    queryFn: ({ signal }) => fetchJson<{ entries: FileEntry[] }>("/api/files/favourites", { signal }),
    enabled,
  });
}

export function useSearch(query: string, enabled = true) {
  return useQuery({
    queryKey: filesKeys.search(query),
    queryFn: ({ signal }) =>
      fetchJson<{ entries: FileEntry[] }>(apiUrl("/api/files/search", { q: query, limit: 50 }), { signal }),
    enabled: enabled && query.length > 0,
  });
}

export function useTrash(enabled = true) {
  return useQuery({
    queryKey: filesKeys.trash(),
    queryFn: ({ signal }) => fetchJson<{ entries: TrashEntry[] }>("/api/files/trash", { signal }),
    enabled,
  });
}

export function useShares(path: string) {
  return useQuery({
    queryKey: filesKeys.shares(path),
    queryFn: ({ signal }) => fetchJson<{ shares: ShareLink[] }>(apiUrl("/api/files/shares", { path }), { signal }),
  });
}

export function useVersions(path: string) {
  return useQuery({
    queryKey: filesKeys.versions(path),
    queryFn: ({ signal }) =>
      fetchJson<{ versions: FileVersion[] }>(apiUrl("/api/files/versions", { path }), { signal }),
  });
}
