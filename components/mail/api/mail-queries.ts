/**
 * The Mail UI's reads, as TanStack Query hooks over the Mail API (components/mail/api/types.ts
 * lists the routes). Every key starts with MAIL_KEY, so one invalidation after an action refreshes
 * the folders' counts, the list and the open message together.
 *
 * The message list is an infinite query: pages of PAGE_SIZE newest first, each asking for the
 * older ones with the previous page's cursor, so a folder of thousands of messages loads only what
 * the virtual list scrolls to.
 */
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { apiUrl, fetchJson } from "@/components/files/api/fetch-json";
import type { MailFolder, MessageDetail, MessagePage, SearchResult } from "./types";

export const MAIL_KEY = ["mail"] as const;
export const PAGE_SIZE = 50;

/** Server-side search criteria (all optional; since/before are YYYY-MM-DD). */
export interface MailSearchCriteria {
  from?: string;
  subject?: string;
  text?: string;
  since?: string;
  before?: string;
}

export function hasCriteria(criteria: MailSearchCriteria | null): criteria is MailSearchCriteria {
  return criteria !== null && Object.values(criteria).some((value) => typeof value === "string" && value.trim() !== "");
}

export const mailKeys = {
  folders: () => [...MAIL_KEY, "folders"] as const,
  messages: (folder: string) => [...MAIL_KEY, "messages", folder] as const,
  message: (folder: string, uid: number) => [...MAIL_KEY, "message", folder, uid] as const,
  search: (folder: string, criteria: MailSearchCriteria) => [...MAIL_KEY, "search", folder, criteria] as const,
};

export function useFolders() {
  return useQuery({
    queryKey: mailKeys.folders(),
    queryFn: ({ signal }) => fetchJson<{ folders: MailFolder[] }>("/api/mail/folders", { signal }),
    // Unread counts change with new mail: refresh them every minute while the page is open.
    refetchInterval: 60_000,
  });
}

export function useMessagePages(folder: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: mailKeys.messages(folder),
    queryFn: ({ pageParam, signal }) =>
      fetchJson<MessagePage>(
        apiUrl("/api/mail/messages", { folder, limit: PAGE_SIZE, cursor: pageParam ?? undefined }),
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    refetchInterval: 60_000,
  });
}

export function useMessage(folder: string, uid: number | null) {
  return useQuery({
    queryKey: mailKeys.message(folder, uid ?? 0),
    queryFn: ({ signal }) =>
      fetchJson<MessageDetail>(apiUrl("/api/mail/message", { folder, uid: uid ?? 0 }), { signal }),
    enabled: uid !== null,
  });
}

export function useSearch(folder: string, criteria: MailSearchCriteria | null) {
  return useQuery({
    queryKey: mailKeys.search(folder, criteria ?? {}),
    queryFn: ({ signal }) =>
      fetchJson<SearchResult>(
        apiUrl("/api/mail/search", {
          folder,
          from: criteria?.from?.trim() || undefined,
          subject: criteria?.subject?.trim() || undefined,
          text: criteria?.text?.trim() || undefined,
          since: criteria?.since || undefined,
          before: criteria?.before || undefined,
          limit: 200,
        }),
        { signal },
      ),
    enabled: hasCriteria(criteria),
  });
}

/** URL of the sanitised body as a standalone document, for the sandboxed iframe. */
export function messageHtmlUrl(folder: string, uid: number, allowImages: boolean): string {
  return apiUrl("/api/mail/message/html", { folder, uid, images: allowImages ? "allow" : undefined });
}

export function attachmentUrl(folder: string, uid: number, part: string, disposition: "attachment" | "inline"): string {
  return apiUrl("/api/mail/attachment", { folder, uid, part, disposition });
}
