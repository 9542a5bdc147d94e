/**
 * Sort orders of the file list. Folders always come first (as in every file manager); names compare
 * the way people read them (`Rapport 2` before `Rapport 10`, accents ignored) in their language.
 */
import type { FileEntry } from "./api/types";

export const SORT_ORDERS = ["name-asc", "name-desc", "modified-desc", "modified-asc", "size-desc", "size-asc"] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
export type SortKey = "name" | "modified" | "size";

export function parseSortOrder(value: string | null | undefined): SortOrder {
  return SORT_ORDERS.find((order) => order === value) ?? "name-asc";
}

export function sortEntries(entries: readonly FileEntry[], order: SortOrder, locale: string): FileEntry[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: "base" });
  const [key, direction] = order.split("-") as [SortKey, "asc" | "desc"];
  const sign = direction === "asc" ? 1 : -1;
  return [...entries].sort((a, b) => {
    if (a.kind !== b.kind) return a.kind === "folder" ? -1 : 1;
    let compared = 0;
    if (key === "size") compared = a.size - b.size;
    else if (key === "modified") compared = a.lastModified.localeCompare(b.lastModified);
    if (compared === 0)
      compared = key === "name" ? collator.compare(a.name, b.name) : collator.compare(a.name, b.name) * sign;
    return compared * sign;
  });
}
