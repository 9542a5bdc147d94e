"use client";
/**
 * The document list at /documents: tabs (mine, shared with me, recent), a table of documents, and
 * the actions on each — open, rename, share, delete (with undo). Creating a document, blank or
 * from a template, opens it in the editor.
 */
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { documentsApi } from "@/components/documents/api/documents-api";
import type { DocumentListItem, DocumentListTab } from "@/components/documents/api/types";
import { useErrorMessage } from "@/components/documents/shared/use-error-message";
import { primaryButton, secondaryButton } from "@/components/documents/shared/button-styles";
import { CreateDocumentDialog } from "@/components/documents/list/create-document-dialog";
import { RenameDialog } from "@/components/documents/list/rename-dialog";
import { ShareDialog } from "@/components/documents/list/share-dialog";
import { DocumentRowActions } from "@/components/documents/list/document-row-actions";
import { ImportDocumentButton } from "@/components/documents/convert/import-document-button";

const TABS: readonly DocumentListTab[] = ["mine", "shared", "recent"];

type ListState =
  { status: "loading" } | { status: "error"; message: string } | { status: "ready"; items: DocumentListItem[] };

export function DocumentsList() {
  const t = useTranslations("documents");
  const format = useFormatter();
  const errorMessage = useErrorMessage();
  const [tab, setTab] = useState<DocumentListTab>("mine");
  const [list, setList] = useState<ListState>({ status: "loading" });
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<DocumentListItem | null>(null);
  const [sharing, setSharing] = useState<DocumentListItem | null>(null);
  const [notice, setNotice] = useState<{ text: string; undo?: () => void } | null>(null);

  const load = useCallback(
    (which: DocumentListTab) =>
      documentsApi.list(which).then(
        (items) => setList({ status: "ready", items }),
        (error: unknown) => setList({ status: "error", message: errorMessage(error) }),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- errorMessage is a fresh closure each render
    [],
  );

  useEffect(() => {
    void load(tab);
  }, [tab, load]);

  function selectTab(next: DocumentListTab) {
    if (next === tab) return;
    setList({ status: "loading" });
    setTab(next);
  }

  async function remove(item: DocumentListItem) {
    try {
      await documentsApi.remove(item.id);
      setList((current) =>
        current.status === "ready"
          ? { status: "ready", items: current.items.filter((doc) => doc.id !== item.id) }
          : current,
      );
      setNotice({
        text: t("list.deleted", { title: item.title }),
        undo: () => {
          void documentsApi
            .restore(item.id)
            .then(() => {
              setNotice({ text: t("list.restored", { title: item.title }) });
              return load(tab);
            })
            .catch((error: unknown) => setNotice({ text: errorMessage(error) }));
        },
      });
    } catch (error) {
      setNotice({ text: errorMessage(error) });
    }
  }

  function onTabKey(event: React.KeyboardEvent, index: number) {
    const next =
      event.key === "ArrowRight"
        ? (index + 1) % TABS.length
        : event.key === "ArrowLeft"
          ? (index + TABS.length - 1) % TABS.length
          : -1;
    if (next < 0) return;
    event.preventDefault();
    const nextTab = TABS[next];
    if (nextTab) {
      selectTab(nextTab);
      document.getElementById(`documents-tab-${nextTab}`)?.focus();
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-fg">{t("list.heading")}</h1>
        <div className="flex flex-wrap items-center gap-2">
          <ImportDocumentButton />
          <button type="button" className={primaryButton} onClick={() => setCreating(true)}>
            {t("list.new")}
          </button>
        </div>
      </div>

      <div
        role="tablist"
        aria-label={t("list.tabs.label")}
        className="flex gap-1 overflow-x-auto border-b border-border"
      >
        {TABS.map((name, index) => (
          <button
            key={name}
            id={`documents-tab-${name}`}
            type="button"
            role="tab"
            aria-selected={tab === name}
            aria-controls="documents-panel"
            tabIndex={tab === name ? 0 : -1}
            onClick={() => selectTab(name)}
            onKeyDown={(event) => onTabKey(event, index)}
            className="-mb-px whitespace-nowrap border-b-2 border-transparent px-3 py-2 text-sm text-fg-muted aria-selected:border-primary aria-selected:font-semibold aria-selected:text-fg focus-visible:outline-2 focus-visible:outline-primary"
          >
            {t(`list.tabs.${name}`)}
          </button>
        ))}
      </div>

      <div role="status" aria-live="polite" className="min-h-6 text-sm">
        {notice ? (
          <span className="flex flex-wrap items-center gap-2">
            {notice.text}
            {notice.undo ? (
              <button type="button" className={secondaryButton} onClick={notice.undo}>
                {t("list.undo")}
              </button>
            ) : null}
          </span>
        ) : null}
      </div>

      <section id="documents-panel" role="tabpanel" aria-labelledby={`documents-tab-${tab}`}>
        {list.status === "loading" ? <p className="text-fg-muted">{t("list.loading")}</p> : null}
        {list.status === "error" ? (
          <p className="text-danger">
            {list.message}{" "}
            <button
              type="button"
              className={secondaryButton}
              onClick={() => {
                setList({ status: "loading" });
                void load(tab);
              }}
            >
              {t("list.retry")}
            </button>
          </p>
        ) : null}
        {list.status === "ready" && list.items.length === 0 ? (
          <p className="text-fg-muted">{t(`list.empty.${tab}`)}</p>
        ) : null}
        {list.status === "ready" && list.items.length > 0 ? (
          <ul className="divide-y divide-border rounded border border-border bg-surface">
            {list.items.map((item) => (
              <li key={item.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-3 py-2">
                <div className="min-w-0 flex-1">
                  <Link
                    href={`/documents/${item.id}`}
                    className="block truncate font-medium text-fg underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-primary"
                  >
                    {item.title}
                  </Link>
                  <p className="text-xs text-fg-muted">
                    {item.ownerName} · {t(`roles.${item.role}`)} ·{" "}
                    <time dateTime={item.updatedAt}>
                      {format.dateTime(new Date(item.updatedAt), { dateStyle: "medium", timeStyle: "short" })}
                    </time>
                  </p>
                </div>
                <DocumentRowActions
                  item={item}
                  onRename={() => setRenaming(item)}
                  onShare={() => setSharing(item)}
                  onDelete={() => void remove(item)}
                />
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <CreateDocumentDialog open={creating} onClose={() => setCreating(false)} />
      <RenameDialog
        item={renaming}
        onClose={() => setRenaming(null)}
        onRenamed={(title) => {
          setRenaming(null);
          setList((current) =>
            current.status === "ready"
              ? {
                  status: "ready",
                  items: current.items.map((doc) => (doc.id === renaming?.id ? { ...doc, title } : doc)),
                }
              : current,
          );
        }}
      />
      <ShareDialog document={sharing} onClose={() => setSharing(null)} />
    </div>
  );
}
