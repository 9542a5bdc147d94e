"use client";
/**
 * The /files page's interactive part: views (my files, recent, favourites, trash, search), the
 * folder toolbar, the selection's actions, the list, uploads (buttons, folder picker, drag and
 * drop), dialogs and the notification line. The URL carries the view, folder and query
 * (`/files?path=/Rapports`), updated with history.pushState so moving between folders does not
 * reload the page or lose running uploads.
 *
 * Data comes from the Files API through TanStack Query (components/files/api/); deletes and
 * favourites update the list at once (optimistic) and roll back on failure.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { useSearchParams } from "next/navigation";
import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useTranslations } from "use-intl";
import { ApiError } from "./api/fetch-json";
import {
  createFolder,
  deleteEntries,
  moveEntry,
  renameEntry,
  restoreDeleted,
  setFavourite,
} from "./api/file-mutations";
import { FILES_KEY, filesKeys, useFavourites, useFolder, useRecent, useSearch } from "./api/file-queries";
import type { FileEntry } from "./api/types";
import { ConfirmDialog } from "./dialogs/confirm-dialog";
import { buttonClass } from "./dialogs/modal-dialog";
import { MoveDialog } from "./dialogs/move-dialog";
import { NameDialog } from "./dialogs/name-dialog";
import { PreviewDialog } from "./dialogs/preview-dialog";
import { ShareDialog } from "./dialogs/share-dialog";
import { VersionsDialog } from "./dialogs/versions-dialog";
import { FileIcon } from "./file-icons";
import { primaryAction } from "./file-kind";
import { baseName, contentUrl, folderHref, joinPath, parentOf } from "./file-paths";
import { FilesBreadcrumb } from "./files-breadcrumb";
import { FilesViewsNav, viewHref, type FilesView } from "./files-views-nav";
import { FileTable, type FileActions } from "./file-table";
import { needsNextcloudConnection, NextcloudConnectPanel } from "./nextcloud-connect-panel";
import { parseSortOrder, SORT_ORDERS, sortEntries, type SortOrder } from "./sort-entries";
import { TrashView } from "./trash-view";
import { collectDroppedFiles, collectPickedFiles } from "./upload/collect-dropped-files";
import { UploadEngine } from "./upload/upload-engine";
import { UploadPanel } from "./upload/upload-panel";
import { NewOfficeFileMenu } from "@/components/office/new-office-file-menu";
import { PageToast, usePageToast } from "@/components/shared/page-toast";
import { useUploads } from "./upload/use-uploads";
import { useErrorMessage } from "./use-error-message";
import { useStoredPreference } from "./use-stored-preference";

export interface FilesConfig {
  chunkBytes: number;
  maxUploadBytes: number;
  /** Extensions a configured office editor opens (empty: office files download). */
  officeExtensions?: string[];
}

type Dialog =
  | { kind: "newFolder" }
  | { kind: "rename"; entry: FileEntry }
  | { kind: "move"; entries: FileEntry[] }
  | { kind: "delete"; entries: FileEntry[] }
  | { kind: "share"; entry: FileEntry }
  | { kind: "preview"; entry: FileEntry }
  | { kind: "versions"; entry: FileEntry };

const VIEWS: readonly FilesView[] = ["browse", "recent", "favourites", "trash", "search"];
const NOTHING_SELECTED: ReadonlySet<string> = new Set();

function parseLayout(value: string | null): "list" | "grid" {
  return value === "grid" ? "grid" : "list";
}

function triggerDownload(url: string, name?: string): void {
  const link = document.createElement("a");
  link.href = url;
  link.download = name ?? "";
  document.body.append(link);
  link.click();
  link.remove();
}

function downloadUrlFor(entries: FileEntry[]): { url: string; name?: string } {
  const [first] = entries;
  if (entries.length === 1 && first && first.kind === "file")
    return { url: contentUrl(first.path, true), name: first.name };
  const params = new URLSearchParams();
  for (const entry of entries) params.append("path", entry.path);
  if (entries.length === 1 && first) params.set("name", `${first.name}.zip`);
  return { url: `/api/files/zip?${params.toString()}` };
}

export function FilesApp({ config, locale }: { config: FilesConfig; locale: string }) {
  const t = useTranslations("files");
  const searchParams = useSearchParams();
  const queryClient = useQueryClient();
  const officeExtensions = useMemo(() => new Set(config.officeExtensions ?? []), [config.officeExtensions]);
  const describeError = useErrorMessage(config.maxUploadBytes, locale);

  const requestedView = searchParams.get("view");
  const query = (searchParams.get("q") ?? "").trim().slice(0, 200);
  const view: FilesView = query
    ? "search"
    : (VIEWS.find((candidate) => candidate === requestedView && candidate !== "search") ?? "browse");
  const path = view === "browse" ? normalisePath(searchParams.get("path")) : "/";

  const [layout, changeLayout] = useStoredPreference<"list" | "grid">("files.layout", parseLayout, "list");
  const [sort, changeSort] = useStoredPreference<SortOrder>("files.sort", parseSortOrder, "name-asc");
  // Selection and the search box's draft belong to one view: moving elsewhere resets them
  // (state keyed by the view rather than reset in an effect, which would render twice).
  const scope = `${view}|${path}|${query}`;
  const [selection, setSelection] = useState<{ scope: string; paths: Set<string> }>({ scope, paths: new Set() });
  const selected = selection.scope === scope ? selection.paths : NOTHING_SELECTED;
  const setSelected = (paths: Set<string>) => setSelection({ scope, paths });
  const [searchDraft, setSearchDraft] = useState({ query, text: query });
  const searchText = searchDraft.query === query ? searchDraft.text : query;
  const setSearchText = (text: string) => setSearchDraft({ query, text });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [dragDepth, setDragDepth] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const { toast, show: notify, dismiss: dismissToast } = usePageToast();

  const refresh = useCallback(() => queryClient.invalidateQueries({ queryKey: FILES_KEY }), [queryClient]);

  const [engine] = useState(
    () =>
      new UploadEngine({
        chunkBytes: config.chunkBytes,
        maxBytes: config.maxUploadBytes,
        onUploaded: () => void queryClient.invalidateQueries({ queryKey: FILES_KEY }),
      }),
  );
  const uploads = useUploads(engine);
  const uploading = uploads.some((item) => item.status === "uploading" || item.status === "queued");
  useEffect(() => {
    if (!uploading) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [uploading]);

  const navigate = useCallback((href: string) => {
    window.history.pushState(null, "", href);
  }, []);

  const folder = useFolder(path, view === "browse");
  const recent = useRecent(50, view === "recent");
  const favourites = useFavourites(view === "favourites");
  const search = useSearch(query, view === "search");
  const source = view === "browse" ? folder : view === "recent" ? recent : view === "favourites" ? favourites : search;
  const rawEntries = useMemo(() => {
    if (view === "browse") return folder.data?.entries ?? [];
    if (view === "recent") return recent.data?.entries ?? [];
    if (view === "favourites") return favourites.data?.entries ?? [];
    if (view === "search") return search.data?.entries ?? [];
    return [];
  }, [view, folder.data, recent.data, favourites.data, search.data]);
  // Recent files keep the server's order (newest first) unless the person picks a sort.
  const entries = useMemo(
    () => (view === "recent" ? rawEntries : sortEntries(rawEntries, sort, locale)),
    [view, rawEntries, sort, locale],
  );
  const selectedEntries = entries.filter((entry) => selected.has(entry.path));

  /** Applies a change to every cached list holding entries (folders, recent, favourites, search). */
  function patchCachedEntries(change: (entries: FileEntry[]) => FileEntry[]): Array<[QueryKey, unknown]> {
    const previous = queryClient.getQueriesData({ queryKey: FILES_KEY });
    for (const [key, data] of previous) {
      if (!data || typeof data !== "object" || !("entries" in data) || !Array.isArray(data.entries)) continue;
      if (key[1] === "trash") continue;
      queryClient.setQueryData(key, { ...data, entries: change(data.entries as FileEntry[]) });
    }
    return previous;
  }

  function restoreCache(previous: Array<[QueryKey, unknown]>) {
    for (const [key, data] of previous) queryClient.setQueryData(key, data);
  }

  async function toggleFavourite(entry: FileEntry) {
    const next = !entry.favourite;
    const previous = patchCachedEntries((list) =>
      list.map((item) => (item.path === entry.path ? { ...item, favourite: next } : item)),
    );
    try {
      await setFavourite(entry.path, next);
    } catch (error) {
      restoreCache(previous);
      notify(describeError(error), "error");
    } finally {
      await queryClient.invalidateQueries({ queryKey: filesKeys.favourites() });
    }
  }

  async function deleteNow(targets: FileEntry[]) {
    const paths = targets.map((entry) => entry.path);
    const previous = patchCachedEntries((list) => list.filter((item) => !paths.includes(item.path)));
    let result;
    try {
      result = await deleteEntries(paths);
    } catch (error) {
      restoreCache(previous);
      throw error;
    }
    setSelected(new Set());
    setDialog(null);
    await refresh();
    const deleted = result.deleted;
    if (result.failed.length > 0) {
      notify(t("toast.deleteFailed", { count: result.failed.length }), "error");
      return;
    }
    notify(t("toast.deleted", { count: deleted.length, name: baseName(deleted[0] ?? "") }), "info", {
      label: t("toast.undo"),
      run: () => {
        restoreDeleted(deleted)
          .then(() => notify(t("toast.restored", { count: deleted.length, name: baseName(deleted[0] ?? "") })))
          .catch((error: unknown) => notify(describeError(error), "error"))
          .finally(() => void refresh());
      },
    });
  }

  const actions: FileActions = {
    open(entry) {
      const action = primaryAction(entry, officeExtensions);
      if (action === "open-folder") navigate(folderHref(entry.path));
      // A full page load: the editor page's CSP (allowing the editor's origin) only comes with its own document.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a router.push would keep this page's CSP
      else if (action === "open-office") window.location.assign(`/office/${encodeURIComponent(entry.id)}`);
      else if (action === "preview") setDialog({ kind: "preview", entry });
      else triggerDownload(contentUrl(entry.path, true), entry.name);
    },
    download(targets) {
      if (targets.length === 0) return;
      const { url, name } = downloadUrlFor(targets);
      triggerDownload(url, name);
    },
    rename: (entry) => setDialog({ kind: "rename", entry }),
    move: (targets) => targets.length > 0 && setDialog({ kind: "move", entries: targets }),
    share: (entry) => setDialog({ kind: "share", entry }),
    toggleFavourite: (entry) => void toggleFavourite(entry),
    versions: (entry) => setDialog({ kind: "versions", entry }),
    delete: (targets) => {
      const deletable = targets.filter((entry) => entry.permissions.delete);
      if (deletable.length > 0) setDialog({ kind: "delete", entries: deletable });
    },
  };

  function startUpload(collected: ReturnType<typeof collectPickedFiles>) {
    if (collected.files.length === 0 && collected.folders.length === 0) return;
    engine.add(collected.files, path, collected.folders);
  }

  const canUpload = view === "browse" && (folder.data?.folder.permissions.create ?? true);
  const dropHandlers = canUpload
    ? {
        onDragEnter: (event: DragEvent) => {
          if (!event.dataTransfer.types.includes("Files")) return;
          event.preventDefault();
          setDragDepth((depth) => depth + 1);
        },
        onDragOver: (event: DragEvent) => {
          if (!event.dataTransfer.types.includes("Files")) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
        },
        onDragLeave: () => setDragDepth((depth) => Math.max(0, depth - 1)),
        onDrop: (event: DragEvent) => {
          event.preventDefault();
          setDragDepth(0);
          // Synchronously, inside the event: the DataTransfer is emptied once it returns.
          const collecting = collectDroppedFiles(event.dataTransfer);
          collecting.then(startUpload).catch(() => notify(t("errors.unexpected"), "error"));
        },
      }
    : {};

  const folderName = path === "/" ? t("breadcrumb.root") : baseName(path);
  const listLabel =
    view === "browse" ? t("list.label", { folder: folderName }) : t("list.labelView", { view: t(`views.${view}`) });
  const heading =
    view === "search" ? t("search.resultsFor", { query }) : view === "browse" ? folderName : t(`views.${view}`);
  const [firstSelected] = selectedEntries;

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4 md:grid-cols-[12rem_minmax(0,1fr)]">
      <div className="min-w-0 space-y-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <FilesViewsNav current={view} onNavigate={navigate} />
      </div>

      <div className="min-w-0 space-y-3">
        <form
          role="search"
          aria-label={t("search.label")}
          className="flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            const q = searchText.trim();
            navigate(q ? viewHref("search", { q }) : viewHref("browse"));
          }}
        >
          <label htmlFor="files-search" className="sr-only">
            {t("search.label")}
          </label>
          <input
            id="files-search"
            type="search"
            value={searchText}
            maxLength={200}
            placeholder={t("search.placeholder")}
            onChange={(event) => setSearchText(event.target.value)}
            className="min-w-0 flex-1 rounded border border-border-strong bg-surface px-3 py-1.5"
          />
          <button type="submit" className={buttonClass.secondary}>
            {t("search.submit")}
          </button>
        </form>

        <div className="flex flex-wrap items-center justify-between gap-2">
          {view === "browse" ? <FilesBreadcrumb path={path} onNavigate={navigate} /> : <span />}
          <h2 className="sr-only" aria-live="polite">
            {heading}
          </h2>
          <div className="flex items-center gap-2">
            <label htmlFor="files-sort" className="sr-only">
              {t("toolbar.sortLabel")}
            </label>
            <select
              id="files-sort"
              value={sort}
              onChange={(event) => changeSort(parseSortOrder(event.target.value))}
              className="rounded border border-border-strong bg-surface px-2 py-1.5 text-sm"
            >
              {SORT_ORDERS.map((order) => (
                <option key={order} value={order}>
                  {t(`toolbar.sort.${order}`)}
                </option>
              ))}
            </select>
            <div role="group" aria-label={t("toolbar.viewLabel")} className="flex rounded border border-border-strong">
              {(["list", "grid"] as const).map((option) => (
                <button
                  key={option}
                  type="button"
                  aria-pressed={layout === option}
                  onClick={() => changeLayout(option)}
                  className={`px-2 py-1.5 ${layout === option ? "bg-primary text-on-primary" : "bg-surface text-fg"}`}
                >
                  <FileIcon name={option} className="size-4" />
                  <span className="sr-only">{option === "list" ? t("toolbar.viewList") : t("toolbar.viewGrid")}</span>
                </button>
              ))}
            </div>
          </div>
        </div>

        {view === "browse" ? (
          <div role="toolbar" aria-label={t("toolbar.label")} className="flex flex-wrap gap-2">
            <button
              type="button"
              className={buttonClass.primary}
              disabled={!canUpload}
              onClick={() => fileInput.current?.click()}
            >
              <FileIcon name="upload" className="size-4" />
              {t("toolbar.upload")}
            </button>
            <button
              type="button"
              className={buttonClass.secondary}
              disabled={!canUpload}
              onClick={() => folderInput.current?.click()}
            >
              <FileIcon name="folder" className="size-4" />
              {t("toolbar.uploadFolder")}
            </button>
            <button
              type="button"
              className={buttonClass.secondary}
              disabled={!canUpload}
              onClick={() => setDialog({ kind: "newFolder" })}
            >
              <FileIcon name="newFolder" className="size-4" />
              {t("toolbar.newFolder")}
            </button>
            {officeExtensions.size > 0 ? <NewOfficeFileMenu folder={path} disabled={!canUpload} /> : null}
            <input
              ref={fileInput}
              type="file"
              multiple
              tabIndex={-1}
              aria-hidden="true"
              className="sr-only"
              data-testid="files-upload-input"
              onChange={(event) => {
                if (event.target.files) startUpload(collectPickedFiles(event.target.files));
                event.target.value = "";
              }}
            />
            <input
              ref={(element) => {
                folderInput.current = element;
                if (element) element.webkitdirectory = true;
              }}
              type="file"
              multiple
              tabIndex={-1}
              aria-hidden="true"
              className="sr-only"
              data-testid="files-upload-folder-input"
              onChange={(event) => {
                if (event.target.files) startUpload(collectPickedFiles(event.target.files));
                event.target.value = "";
              }}
            />
          </div>
        ) : null}

        {selectedEntries.length > 0 ? (
          <div
            role="toolbar"
            aria-label={t("selection.label")}
            className="flex flex-wrap items-center gap-2 rounded-lg border border-border bg-sky-50 px-3 py-2"
          >
            <span className="text-sm font-medium" aria-live="polite">
              {t("selection.count", { count: selectedEntries.length })}
            </span>
            <button type="button" className={buttonClass.secondary} onClick={() => actions.download(selectedEntries)}>
              <FileIcon name="download" className="size-4" />
              {t("selection.download")}
            </button>
            <button type="button" className={buttonClass.secondary} onClick={() => actions.move(selectedEntries)}>
              <FileIcon name="move" className="size-4" />
              {t("selection.move")}
            </button>
            {selectedEntries.length === 1 && firstSelected ? (
              <>
                <button type="button" className={buttonClass.secondary} onClick={() => actions.rename(firstSelected)}>
                  <FileIcon name="rename" className="size-4" />
                  {t("selection.rename")}
                </button>
                <button type="button" className={buttonClass.secondary} onClick={() => actions.share(firstSelected)}>
                  <FileIcon name="share" className="size-4" />
                  {t("selection.share")}
                </button>
              </>
            ) : null}
            <button type="button" className={buttonClass.secondary} onClick={() => actions.delete(selectedEntries)}>
              <FileIcon name="trash" className="size-4" />
              {t("selection.delete")}
            </button>
            <button type="button" className={buttonClass.quiet} onClick={() => setSelected(new Set())}>
              {t("selection.clear")}
            </button>
          </div>
        ) : null}

        <UploadPanel
          engine={engine}
          items={uploads}
          locale={locale}
          describeError={(code) => describeError(new ApiError(0, code, code))}
        />

        {view === "trash" ? (
          <TrashView locale={locale} describeError={describeError} notify={notify} />
        ) : (
          <section
            aria-label={listLabel}
            {...dropHandlers}
            className={`relative min-h-48 rounded-lg border bg-surface p-2 ${dragDepth > 0 ? "border-2 border-dashed border-primary" : "border-border"}`}
            data-testid="files-drop-zone"
          >
            {dragDepth > 0 ? (
              <p className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center bg-surface/90 text-lg font-semibold text-primary-ink">
                {t("drop.hint", { folder: folderName })}
              </p>
            ) : null}
            {source.isPending && (view !== "search" || query) ? (
              <p role="status" className="p-3 text-sm text-fg-muted">
                {t("list.loading")}
              </p>
            ) : source.isError ? (
              needsNextcloudConnection(source.error) ? (
                <NextcloudConnectPanel />
              ) : (
                <div
                  role="alert"
                  className="m-2 rounded border border-danger bg-danger-surface p-3 text-sm text-danger"
                >
                  {describeError(source.error)}{" "}
                  <button type="button" className={buttonClass.quiet} onClick={() => void source.refetch()}>
                    {t("errors.retry")}
                  </button>
                </div>
              )
            ) : entries.length === 0 ? (
              <p className="p-3 text-sm text-fg-muted">
                {view === "browse"
                  ? t("list.empty")
                  : view === "search"
                    ? t("list.noResults", { query })
                    : t("list.emptyView")}
              </p>
            ) : (
              <FileTable
                entries={entries}
                layout={layout}
                label={listLabel}
                selected={selected}
                onSelectionChange={setSelected}
                actions={actions}
                sort={sort}
                onSortChange={changeSort}
                showLocation={view !== "browse"}
                locale={locale}
                officeExtensions={officeExtensions}
              />
            )}
          </section>
        )}
      </div>

      {dialog?.kind === "newFolder" ? (
        <NameDialog
          title={t("dialog.newFolder.title")}
          label={t("dialog.newFolder.name")}
          submitLabel={t("dialog.newFolder.submit")}
          describeError={describeError}
          onClose={() => setDialog(null)}
          onSubmit={async (name) => {
            await createFolder(joinPath(path, name));
            setDialog(null);
            notify(t("toast.folderCreated", { name }));
            await refresh();
          }}
        />
      ) : null}
      {dialog?.kind === "rename" ? (
        <NameDialog
          title={t("dialog.rename.title", { name: dialog.entry.name })}
          label={t("dialog.rename.name")}
          submitLabel={t("dialog.rename.submit")}
          initialName={dialog.entry.name}
          describeError={describeError}
          onClose={() => setDialog(null)}
          onSubmit={async (name) => {
            if (name !== dialog.entry.name) {
              const renamed = await renameEntry(dialog.entry.path, name);
              patchCachedEntries((list) =>
                list.map((item) => (item.path === dialog.entry.path ? { ...item, ...renamed } : item)),
              );
              setSelected(new Set([renamed.path]));
              notify(t("toast.renamed", { name: renamed.name }));
            }
            setDialog(null);
            await refresh();
          }}
        />
      ) : null}
      {dialog?.kind === "move" ? (
        <MoveDialog
          entries={dialog.entries}
          startFolder={view === "browse" ? path : parentOf(dialog.entries[0]?.path ?? "/")}
          describeError={describeError}
          onClose={() => setDialog(null)}
          onMove={async (destination) => {
            for (const entry of dialog.entries) await moveEntry(entry.path, joinPath(destination, entry.name));
            setDialog(null);
            setSelected(new Set());
            notify(t("toast.moved", { count: dialog.entries.length, name: dialog.entries[0]?.name ?? "" }));
            await refresh();
          }}
        />
      ) : null}
      {dialog?.kind === "delete" ? (
        <ConfirmDialog
          title={t("dialog.delete.title", { count: dialog.entries.length, name: dialog.entries[0]?.name ?? "" })}
          body={t("dialog.delete.body")}
          confirmLabel={t("dialog.delete.submit")}
          describeError={describeError}
          onClose={() => setDialog(null)}
          onConfirm={() => deleteNow(dialog.entries)}
        />
      ) : null}
      {dialog?.kind === "share" ? (
        <ShareDialog entry={dialog.entry} describeError={describeError} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === "preview" ? (
        <PreviewDialog
          entry={dialog.entry}
          contentUrl={contentUrl(dialog.entry.path)}
          downloadUrl={contentUrl(dialog.entry.path, true)}
          onClose={() => setDialog(null)}
        />
      ) : null}

      {dialog?.kind === "versions" ? (
        <VersionsDialog
          entry={dialog.entry}
          locale={locale}
          describeError={describeError}
          onClose={() => setDialog(null)}
          onRestored={(date) => {
            setDialog(null);
            notify(t("toast.versionRestored", { date }));
          }}
        />
      ) : null}

      <PageToast
        toast={toast}
        onDismiss={dismissToast}
        regionLabel={t("toast.label")}
        dismissLabel={t("toast.dismiss")}
        testId="files-toast"
      />
    </div>
  );
}

/** The `path` query parameter as the API expects it; the server validates it for real. */
function normalisePath(value: string | null): string {
  if (!value) return "/";
  const trimmed = value.startsWith("/") ? value : `/${value}`;
  return trimmed.length > 1 && trimmed.endsWith("/") ? trimmed.slice(0, -1) : trimmed;
}
