"use client";
/**
 * The list of files and folders, as an ARIA grid with one tab stop (roving focus on its rows), in a
 * list layout (columns that collapse on a phone) or a grid of tiles.
 *
 * Keyboard (announced in the list's description): arrows / Home / End move; Shift+arrow extends
 * the selection; Space selects; Ctrl+A selects all; Enter opens (the entry's primary action);
 * F2 renames; Delete deletes (the page asks for confirmation); Shift+F10 or the menu key opens the
 * row's actions. Pointer: a click selects the row (Ctrl/⌘ adds, Shift extends), the name opens
 * it, the checkbox toggles it.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { useFormatter, useTranslations } from "use-intl";
import type { FileEntry } from "./api/types";
import { FileIcon } from "./file-icons";
import { iconFamily, primaryAction, previewKind } from "./file-kind";
import { folderHref, parentOf } from "./file-paths";
import { formatBytes } from "./format-bytes";
import { RowMenu } from "./row-menu";
import type { SortKey, SortOrder } from "./sort-entries";

export interface FileActions {
  open: (entry: FileEntry) => void;
  download: (entries: FileEntry[]) => void;
  rename: (entry: FileEntry) => void;
  move: (entries: FileEntry[]) => void;
  share: (entry: FileEntry) => void;
  toggleFavourite: (entry: FileEntry) => void;
  versions: (entry: FileEntry) => void;
  delete: (entries: FileEntry[]) => void;
}

export function FileTable({
  entries,
  layout,
  label,
  selected,
  onSelectionChange,
  actions,
  sort,
  onSortChange,
  showLocation = false,
  locale,
  officeExtensions,
}: {
  entries: FileEntry[];
  layout: "list" | "grid";
  label: string;
  selected: ReadonlySet<string>;
  onSelectionChange: (next: Set<string>) => void;
  actions: FileActions;
  sort: SortOrder;
  onSortChange: (order: SortOrder) => void;
  showLocation?: boolean;
  locale: string;
  /** Extensions the office editor opens ("open-office"); its label comes from the office namespace. */
  officeExtensions?: ReadonlySet<string>;
}) {
  const t = useTranslations("files");
  const tOffice = useTranslations("office");
  const format = useFormatter();
  const helpId = useId();
  const [focusIndex, setFocusIndex] = useState(0);
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const anchor = useRef<number | null>(null);
  const rows = useRef<Array<HTMLDivElement | null>>([]);
  const index = Math.min(focusIndex, Math.max(0, entries.length - 1));

  useEffect(() => {
    rows.current.length = entries.length;
  }, [entries.length]);

  const focusRow = (next: number) => {
    const clamped = Math.max(0, Math.min(entries.length - 1, next));
    setFocusIndex(clamped);
    rows.current[clamped]?.focus();
    return clamped;
  };

  const selectRange = (from: number, to: number, add: boolean) => {
    const next = new Set(add ? selected : []);
    const [low, high] = from < to ? [from, to] : [to, from];
    for (let i = low; i <= high; i += 1) {
      const entry = entries[i];
      if (entry) next.add(entry.path);
    }
    onSelectionChange(next);
  };

  const toggle = (entry: FileEntry) => {
    const next = new Set(selected);
    if (next.has(entry.path)) next.delete(entry.path);
    else next.add(entry.path);
    onSelectionChange(next);
  };

  /** The entries a key acts on: the selection when the focused row is in it, else the focused row. */
  const targets = (entry: FileEntry): FileEntry[] =>
    selected.has(entry.path) ? entries.filter((candidate) => selected.has(candidate.path)) : [entry];

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>, rowIndex: number, entry: FileEntry) {
    // Keys pressed on a control inside the row (a clicked checkbox) are that control's.
    if (event.target !== event.currentTarget) return;
    const step = layout === "grid" ? columnsOf(rows.current[rowIndex]) : 1;
    const moves: Record<string, number> = {
      ArrowDown: rowIndex + step,
      ArrowUp: rowIndex - step,
      Home: 0,
      End: entries.length - 1,
      ...(layout === "grid" ? { ArrowRight: rowIndex + 1, ArrowLeft: rowIndex - 1 } : {}),
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      const landed = focusRow(target);
      if (event.shiftKey) {
        anchor.current ??= rowIndex;
        selectRange(anchor.current, landed, false);
      } else if (!event.ctrlKey && !event.metaKey) {
        anchor.current = null;
      }
      return;
    }
    if ((event.key === "a" || event.key === "A") && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSelectionChange(new Set(entries.map((candidate) => candidate.path)));
    } else if (event.key === " ") {
      event.preventDefault();
      anchor.current = rowIndex;
      toggle(entry);
    } else if (event.key === "Enter") {
      event.preventDefault();
      actions.open(entry);
    } else if (event.key === "F2") {
      event.preventDefault();
      if (entry.permissions.rename) actions.rename(entry);
    } else if (event.key === "Delete") {
      event.preventDefault();
      actions.delete(targets(entry));
    } else if ((event.key === "F10" && event.shiftKey) || event.key === "ContextMenu") {
      event.preventDefault();
      setMenuFor(entry.path);
    } else if (event.key === "Escape" && selected.size > 0) {
      event.preventDefault();
      onSelectionChange(new Set());
    }
  }

  function onRowClick(event: MouseEvent<HTMLDivElement>, rowIndex: number, entry: FileEntry) {
    setFocusIndex(rowIndex);
    if (event.shiftKey) {
      selectRange(anchor.current ?? rowIndex, rowIndex, event.ctrlKey || event.metaKey);
      return;
    }
    anchor.current = rowIndex;
    if (event.ctrlKey || event.metaKey) toggle(entry);
    else onSelectionChange(new Set([entry.path]));
  }

  const sortKey = sort.split("-")[0] as SortKey;
  const sortDirection = sort.endsWith("asc") ? "ascending" : "descending";
  const headerCell = (key: SortKey, text: string, className: string) => (
    <div role="columnheader" aria-sort={sortKey === key ? sortDirection : "none"} className={className}>
      <button
        type="button"
        className="inline-flex items-center gap-1 font-semibold hover:underline"
        onClick={() =>
          onSortChange(
            sortKey === key
              ? (`${key}-${sortDirection === "ascending" ? "desc" : "asc"}` as SortOrder)
              : (`${key}-${key === "name" ? "asc" : "desc"}` as SortOrder),
          )
        }
      >
        {text}
        {sortKey === key ? <span aria-hidden="true">{sortDirection === "ascending" ? "↑" : "↓"}</span> : null}
      </button>
    </div>
  );

  const grid = layout === "grid";
  return (
    <>
      <p id={helpId} className="sr-only">
        {t("list.keyboardHelp")}
      </p>
      <div
        role="grid"
        aria-label={label}
        aria-describedby={helpId}
        aria-multiselectable="true"
        aria-rowcount={entries.length + 1}
        data-layout={layout}
        className={grid ? "grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5" : "divide-y divide-border"}
      >
        <div
          role="row"
          aria-rowindex={1}
          className={
            grid
              ? "sr-only"
              : "hidden grid-cols-[2.5rem_minmax(0,1fr)_7rem_11rem_3rem] items-center gap-2 px-2 py-2 text-sm text-fg-muted sm:grid"
          }
        >
          <div role="columnheader">
            <span className="sr-only">{t("list.selectColumn")}</span>
          </div>
          {headerCell("name", t("list.name"), "")}
          {headerCell("size", t("list.size"), "text-right")}
          {headerCell("modified", t("list.modified"), "")}
          <div role="columnheader">
            <span className="sr-only">{t("list.actions")}</span>
          </div>
        </div>
        {entries.map((entry, rowIndex) => {
          const isSelected = selected.has(entry.path);
          const action = primaryAction(entry, officeExtensions);
          const modified = format.dateTime(new Date(entry.lastModified), { dateStyle: "medium", timeStyle: "short" });
          const size = entry.kind === "folder" ? "" : formatBytes(entry.size, locale);
          const location = parentOf(entry.path);
          const menuItems = [
            action === "open-folder"
              ? { id: "open", label: t("row.open"), icon: "folder", onSelect: () => actions.open(entry) }
              : action === "preview"
                ? {
                    id: "preview",
                    label: t("row.preview"),
                    icon: iconFamily(entry),
                    onSelect: () => actions.open(entry),
                  }
                : action === "open-office"
                  ? {
                      id: "open-office",
                      label: tOffice("files.openInEditor"),
                      icon: "document",
                      onSelect: () => actions.open(entry),
                    }
                  : null,
            { id: "download", label: t("row.download"), icon: "download", onSelect: () => actions.download([entry]) },
            entry.permissions.rename
              ? { id: "rename", label: t("row.rename"), icon: "rename", onSelect: () => actions.rename(entry) }
              : null,
            entry.permissions.delete
              ? { id: "move", label: t("row.move"), icon: "move", onSelect: () => actions.move([entry]) }
              : null,
            entry.permissions.share
              ? { id: "share", label: t("row.share"), icon: "share", onSelect: () => actions.share(entry) }
              : null,
            entry.kind === "file"
              ? { id: "versions", label: t("row.versions"), icon: "restore", onSelect: () => actions.versions(entry) }
              : null,
            {
              id: "favourite",
              label: entry.favourite ? t("row.removeFavourite") : t("row.addFavourite"),
              icon: "star",
              onSelect: () => actions.toggleFavourite(entry),
            },
            entry.permissions.delete
              ? {
                  id: "delete",
                  label: t("row.delete"),
                  icon: "trash",
                  danger: true,
                  onSelect: () => actions.delete(targets(entry)),
                }
              : null,
          ].filter((item) => item !== null);
          const nameControl =
            action === "open-folder" ? (
              <a
                href={folderHref(entry.path)}
                tabIndex={-1}
                title={entry.name}
                onClick={(event) => {
                  if (event.ctrlKey || event.metaKey || event.shiftKey) return;
                  event.preventDefault();
                  event.stopPropagation();
                  actions.open(entry);
                }}
                className="min-w-0 max-w-full truncate font-medium text-fg hover:underline"
              >
                {entry.name}
              </a>
            ) : (
              <button
                type="button"
                tabIndex={-1}
                title={entry.name}
                onClick={(event) => {
                  event.stopPropagation();
                  actions.open(entry);
                }}
                className="min-w-0 max-w-full truncate text-left font-medium text-fg hover:underline"
              >
                {entry.name}
              </button>
            );
          return (
            <div
              key={entry.id || entry.path}
              ref={(element) => {
                rows.current[rowIndex] = element;
              }}
              role="row"
              aria-rowindex={rowIndex + 2}
              aria-selected={isSelected}
              tabIndex={rowIndex === index ? 0 : -1}
              data-path={entry.path}
              onKeyDown={(event) => onKeyDown(event, rowIndex, entry)}
              onClick={(event) => onRowClick(event, rowIndex, entry)}
              onFocus={(event) => {
                if (event.target === event.currentTarget) setFocusIndex(rowIndex);
              }}
              className={
                grid
                  ? `relative flex flex-col gap-2 rounded-lg border p-3 outline-offset-2 ${isSelected ? "border-primary bg-sky-50" : "border-border bg-surface hover:bg-surface-muted"}`
                  : `grid grid-cols-[2.5rem_minmax(0,1fr)_3rem] items-center gap-2 px-2 py-2 text-sm outline-offset-[-3px] sm:grid-cols-[2.5rem_minmax(0,1fr)_7rem_11rem_3rem] ${isSelected ? "bg-sky-50" : "hover:bg-surface-muted"}`
              }
            >
              <div role="gridcell" className={grid ? "absolute left-2 top-2" : "flex items-center justify-center"}>
                <input
                  type="checkbox"
                  tabIndex={-1}
                  checked={isSelected}
                  aria-label={t("list.select", { name: entry.name })}
                  onChange={() => toggle(entry)}
                  onClick={(event) => event.stopPropagation()}
                  className="size-4 accent-[var(--color-primary)]"
                />
              </div>
              <div role="gridcell" className={grid ? "flex flex-col items-center gap-2 pt-4 text-center" : "min-w-0"}>
                <div className={grid ? "flex w-full flex-col items-center gap-1" : "flex min-w-0 items-center gap-2"}>
                  {grid && entry.hasPreview && previewKind(entry) === "image" ? (
                    // eslint-disable-next-line @next/next/no-img-element -- a same-origin preview route, not a static asset
                    <img
                      src={`/api/files/preview?${new URLSearchParams({ path: entry.path, w: "256", h: "256" }).toString()}`}
                      alt=""
                      loading="lazy"
                      className="size-20 rounded object-cover"
                    />
                  ) : (
                    <span className={entry.kind === "folder" ? "text-primary-ink" : "text-fg-muted"}>
                      <FileIcon name={iconFamily(entry)} className={grid ? "size-12" : "size-5"} />
                    </span>
                  )}
                  {nameControl}
                  {entry.favourite ? (
                    <span className="text-amber-700" title={t("list.favourite")}>
                      <FileIcon name="star" className="size-4" />
                      <span className="sr-only">{t("list.favourite")}</span>
                    </span>
                  ) : null}
                </div>
                <p className={grid ? "text-xs text-fg-muted" : "truncate text-xs text-fg-muted sm:hidden"}>
                  {[showLocation ? location : null, size || t("list.folder"), modified].filter(Boolean).join(" · ")}
                </p>
                {showLocation && !grid ? (
                  <p className="hidden truncate text-xs text-fg-muted sm:block">
                    {t("list.locationValue", { folder: location })}
                  </p>
                ) : null}
              </div>
              {grid ? null : (
                <>
                  <div role="gridcell" className="hidden text-right tabular-nums text-fg-muted sm:block">
                    {size}
                  </div>
                  <div role="gridcell" className="hidden text-fg-muted sm:block">
                    <time dateTime={entry.lastModified}>{modified}</time>
                  </div>
                </>
              )}
              <div role="gridcell" className={grid ? "absolute right-1 top-1" : "flex justify-end"}>
                <RowMenu
                  label={t("row.menu", { name: entry.name })}
                  items={menuItems}
                  open={menuFor === entry.path}
                  onOpenChange={(open) => setMenuFor(open ? entry.path : null)}
                  returnFocusTo={() => rows.current[rowIndex]?.focus()}
                />
              </div>
            </div>
          );
        })}
      </div>
    </>
  );
}

/** How many tiles a row of the grid layout holds (for ArrowUp/ArrowDown). */
function columnsOf(row: HTMLElement | null | undefined): number {
  const grid = row?.parentElement;
  if (!grid) return 1;
  const columns = getComputedStyle(grid).gridTemplateColumns.split(" ").filter(Boolean).length;
  return Math.max(1, columns);
}
