"use client";
/**
 * The /mail page's interactive part: folders, the message list (or search results), the open
 * message, and the compose window. The URL carries the folder and the open message
 * (`/mail?folder=INBOX&uid=42`), updated with history.replaceState/pushState, so a link from the
 * dashboard or a notification opens that message, and Back goes from a message to its list.
 *
 * Phone (< md): two screens — the list, then the message with a "back" button. Wider: folders,
 * list and message side by side.
 *
 * Actions update the cache at once (read/unread, flag, remove from the list) and roll back if the
 * server refuses; a delete offers "Annuler", which moves the message back from the Trash. When the
 * person has not connected their mail account, the page shows the connect form instead.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useTranslations } from "use-intl";
import { buttonClass } from "@/components/files/dialogs/modal-dialog";
import { GroupwareConnectForm, needsGroupwareConnection } from "@/components/groupware/groupware-connect-form";
import { PageToast, usePageToast } from "@/components/shared/page-toast";
import { actOnMessages } from "./api/mail-mutations";
import {
  hasCriteria,
  MAIL_KEY,
  mailKeys,
  useFolders,
  useMessage,
  useMessagePages,
  useSearch,
  type MailSearchCriteria,
} from "./api/mail-queries";
import type { MailFolder, MessageDetail, MessageFlag, MessagePage, MessagesAction, MessageSummary } from "./api/types";
import { emptyCompose, startFrom, startFromDraft, type ComposeStart } from "./compose/compose-model";
import { ComposeWindow } from "./compose/compose-window";
import { FolderNav, useFolderLabel } from "./folder-nav";
import { MailSearchForm } from "./mail-search-form";
import { MessageList } from "./message-list";
import { MessageReader } from "./message-reader";
import { MoveMessageDialog } from "./move-message-dialog";
import { useMailError } from "./use-mail-error";

export interface MailConfig {
  /** The signed-in person's address (prefills the connect form; excluded from "reply all"). */
  email: string | null;
  maxAttachmentBytes: number;
}

function readLocation(): { folder: string; uid: number | null } {
  const params = new URLSearchParams(window.location.search);
  const uid = Number(params.get("uid"));
  return { folder: params.get("folder") || "INBOX", uid: Number.isInteger(uid) && uid > 0 ? uid : null };
}

function writeLocation(folder: string, uid: number | null, push: boolean) {
  const params = new URLSearchParams();
  if (folder !== "INBOX") params.set("folder", folder);
  if (uid !== null) params.set("uid", String(uid));
  const url = `/mail${params.size > 0 ? `?${params.toString()}` : ""}`;
  if (push) window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

function withFlags(flags: readonly MessageFlag[], add: MessageFlag[] = [], remove: MessageFlag[] = []): MessageFlag[] {
  return [...new Set([...flags.filter((flag) => !remove.includes(flag)), ...add])];
}

export function MailApp({ config }: { config: MailConfig }) {
  const t = useTranslations("mail");
  const describe = useMailError();
  const folderLabel = useFolderLabel();
  const queryClient = useQueryClient();
  const [location, setLocation] = useState<{ folder: string; uid: number | null }>({ folder: "INBOX", uid: null });
  const [criteria, setCriteria] = useState<MailSearchCriteria | null>(null);
  const [compose, setCompose] = useState<ComposeStart | null>(null);
  const [moving, setMoving] = useState<MessageDetail | null>(null);
  const { toast, show: say, dismiss: dismissToast } = usePageToast();
  const { folder, uid } = location;

  useEffect(() => {
    const sync = () => setLocation(readLocation());
    const first = setTimeout(sync, 0);
    window.addEventListener("popstate", sync);
    return () => {
      clearTimeout(first);
      window.removeEventListener("popstate", sync);
    };
  }, []);

  const folders = useFolders();
  const searching = hasCriteria(criteria);
  const pages = useMessagePages(folder, !searching);
  const search = useSearch(folder, criteria);
  const message = useMessage(folder, uid);

  const folderList: MailFolder[] = useMemo(() => folders.data?.folders ?? [], [folders.data]);
  const current = folderList.find((candidate) => candidate.path === folder);
  const bySpecialUse = (use: MailFolder["specialUse"]) => folderList.find((candidate) => candidate.specialUse === use);
  const trash = bySpecialUse("trash");
  const inSentOrDrafts = current?.specialUse === "sent" || current?.specialUse === "drafts";

  const listMessages: MessageSummary[] = searching
    ? (search.data?.messages ?? [])
    : (pages.data?.pages.flatMap((page) => page.messages) ?? []);
  const listTotal = searching ? (search.data?.totalMatches ?? 0) : (pages.data?.pages[0]?.total ?? 0);

  const notConnected = [folders.error, pages.error, message.error].some(needsGroupwareConnection);

  function open(folderPath: string, messageUid: number | null, push = true) {
    setLocation({ folder: folderPath, uid: messageUid });
    writeLocation(folderPath, messageUid, push);
  }

  function selectFolder(path: string) {
    setCriteria(null);
    open(path, null);
  }

  /** Applies `change` to every cached copy of the summaries of `uids` in `folderPath`. */
  function patchCached(
    folderPath: string,
    uids: readonly number[],
    change: (summary: MessageSummary) => MessageSummary | null,
  ) {
    queryClient.setQueryData<InfiniteData<MessagePage>>(mailKeys.messages(folderPath), (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              messages: page.messages.flatMap((summary) => {
                if (!uids.includes(summary.uid)) return [summary];
                const next = change(summary);
                return next ? [next] : [];
              }),
            })),
          }
        : data,
    );
    for (const messageUid of uids) {
      queryClient.setQueryData<MessageDetail>(mailKeys.message(folderPath, messageUid), (detail) => {
        if (!detail) return detail;
        const next = change(detail);
        return next ? { ...detail, flags: next.flags } : detail;
      });
    }
  }

  async function run(
    folderPath: string,
    uids: number[],
    action: MessagesAction,
    optimistic: (summary: MessageSummary) => MessageSummary | null,
  ) {
    await queryClient.cancelQueries({ queryKey: mailKeys.messages(folderPath) });
    const snapshot = queryClient.getQueriesData({ queryKey: MAIL_KEY });
    patchCached(folderPath, uids, optimistic);
    try {
      const result = await actOnMessages(folderPath, uids, action);
      return result;
    } catch (error) {
      for (const [key, data] of snapshot) queryClient.setQueryData(key, data);
      say(describe(error), "error");
      return null;
    } finally {
      void queryClient.invalidateQueries({ queryKey: mailKeys.folders() });
      void queryClient.invalidateQueries({ queryKey: [...MAIL_KEY, "search"] });
    }
  }

  function setFlag(detail: MessageSummary, flag: MessageFlag, on: boolean) {
    void run(
      detail.folder,
      [detail.uid],
      { type: "flags", ...(on ? { add: [flag] } : { remove: [flag] }) },
      (summary) => ({
        ...summary,
        flags: on ? withFlags(summary.flags, [flag]) : withFlags(summary.flags, [], [flag]),
      }),
    );
  }

  // Opening an unread message marks it read (the detail route itself changes nothing).
  const openedUnread = message.data && !message.data.flags.includes("seen") ? message.data : null;
  const markedRead = useRef<string | null>(null);
  useEffect(() => {
    if (!openedUnread) return;
    const key = `${openedUnread.folder}:${openedUnread.uid}`;
    if (markedRead.current === key) return;
    markedRead.current = key;
    const timer = setTimeout(() => setFlag(openedUnread, "seen", true), 0);
    return () => clearTimeout(timer);
  });

  async function removeFromFolder(detail: MessageDetail, action: MessagesAction, doneText: string, undoable: boolean) {
    const index = listMessages.findIndex((summary) => summary.uid === detail.uid);
    const next = listMessages[index + 1] ?? listMessages[index - 1] ?? null;
    open(detail.folder, next && next.folder === detail.folder ? next.uid : null, false);
    const result = await run(detail.folder, [detail.uid], action, () => null);
    if (!result) return;
    void queryClient.invalidateQueries({ queryKey: mailKeys.messages(detail.folder) });
    const movedUid = result.uidMap[String(detail.uid)];
    const destination = result.destination;
    say(
      doneText,
      "info",
      undoable && destination && movedUid !== undefined && !result.expunged
        ? {
            label: t("toast.undo"),
            run: () => {
              dismissToast();
              void actOnMessages(destination, [movedUid], { type: "move", to: detail.folder })
                .then(() => {
                  void queryClient.invalidateQueries({ queryKey: MAIL_KEY });
                  say(t("toast.restored"));
                })
                .catch((error: unknown) => say(describe(error), "error"));
            },
          }
        : undefined,
    );
  }

  if (notConnected) {
    return (
      <div className="max-w-xl">
        <h1 className="mb-4 text-2xl font-semibold">{t("title")}</h1>
        <GroupwareConnectForm
          defaultLogin={config.email ?? ""}
          onConnected={() => void queryClient.invalidateQueries({ queryKey: MAIL_KEY })}
        />
      </div>
    );
  }

  const detail = message.data;
  const readerOpen = uid !== null;

  return (
    <div className="flex h-[calc(100dvh-9rem)] min-h-96 flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">
          {t("title")}
          <span className="sr-only"> — {folderLabel(current) || folder}</span>
        </h1>
        <button
          type="button"
          className={`${buttonClass.primary} ml-auto`}
          onClick={() => setCompose(emptyCompose())}
          data-testid="mail-new"
        >
          {t("newMessage")}
        </button>
      </div>
      <div className="grid min-h-0 flex-1 gap-3 md:grid-cols-[12rem_minmax(16rem,22rem)_1fr]">
        <aside className={`min-h-0 overflow-y-auto ${readerOpen ? "hidden md:block" : ""}`}>
          {folders.isPending ? <p className="text-sm text-fg-muted">{t("loading")}</p> : null}
          {folders.isError ? (
            <p role="alert" className="text-sm text-danger">
              {describe(folders.error)}
            </p>
          ) : null}
          <FolderNav folders={folderList} current={folder} onSelect={selectFolder} />
        </aside>
        <section
          aria-label={t("list.label", { folder: folderLabel(current) || folder })}
          className={`flex min-h-0 flex-col gap-2 ${readerOpen ? "hidden md:flex" : "flex"}`}
        >
          <MailSearchForm key={folder} active={criteria} onSearch={setCriteria} />
          {searching && search.data ? (
            <p className="text-sm text-fg-muted" aria-live="polite">
              {search.data.truncated
                ? t("search.resultsTruncated", { shown: search.data.messages.length, total: search.data.totalMatches })
                : t("search.results", { count: search.data.totalMatches })}
            </p>
          ) : null}
          {(searching ? search.isError : pages.isError) ? (
            <p role="alert" className="text-sm text-danger">
              {describe(searching ? search.error : pages.error)}
            </p>
          ) : null}
          {(searching ? search.isPending : pages.isPending) ? (
            <p className="text-sm text-fg-muted">{t("loading")}</p>
          ) : null}
          <div className="min-h-0 flex-1 rounded border border-border">
            <MessageList
              messages={listMessages}
              total={listTotal}
              hasMore={!searching && Boolean(pages.hasNextPage)}
              loadingMore={pages.isFetchingNextPage}
              onLoadMore={() => void pages.fetchNextPage()}
              selectedUid={uid}
              onOpen={(summary) => open(summary.folder, summary.uid)}
              showRecipients={inSentOrDrafts}
              label={t("list.label", { folder: folderLabel(current) || folder })}
            />
          </div>
        </section>
        <section
          aria-label={t("reader.label")}
          className={`min-h-0 overflow-y-auto ${readerOpen ? "block" : "hidden md:block"}`}
        >
          {!readerOpen ? <p className="text-sm text-fg-muted">{t("reader.none")}</p> : null}
          {readerOpen && message.isPending ? <p className="text-sm text-fg-muted">{t("loading")}</p> : null}
          {readerOpen && message.isError ? (
            <div className="space-y-2">
              <p role="alert" className="text-sm text-danger">
                {describe(message.error)}
              </p>
              <button type="button" className={buttonClass.secondary} onClick={() => open(folder, null)}>
                {t("reader.back")}
              </button>
            </div>
          ) : null}
          {detail ? (
            <MessageReader
              key={`${detail.folder}:${detail.uid}`}
              message={detail}
              onOpenConversation={(summary) => open(summary.folder, summary.uid)}
              onSavedToFiles={(path) => say(t("toast.savedToFiles", { path }))}
              actions={{
                back: () => open(folder, null),
                reply: () => setCompose(startFrom("reply", detail, { self: config.email })),
                replyAll: () => setCompose(startFrom("reply-all", detail, { self: config.email })),
                forward: () => setCompose(startFrom("forward", detail, { self: config.email })),
                editDraft: current?.specialUse === "drafts" ? () => setCompose(startFromDraft(detail)) : null,
                toggleSeen: () => setFlag(detail, "seen", !detail.flags.includes("seen")),
                toggleFlag: () => setFlag(detail, "flagged", !detail.flags.includes("flagged")),
                archive:
                  current?.specialUse === "archive" || !bySpecialUse("archive")
                    ? null
                    : () => void removeFromFolder(detail, { type: "archive" }, t("toast.archived"), true),
                move: () => setMoving(detail),
                trash: () =>
                  void removeFromFolder(
                    detail,
                    { type: "trash" },
                    folder === trash?.path ? t("toast.deletedForGood") : t("toast.deleted"),
                    true,
                  ),
              }}
            />
          ) : null}
        </section>
      </div>
      {moving ? (
        <MoveMessageDialog
          folders={folderList}
          current={moving.folder}
          onClose={() => setMoving(null)}
          onMove={(destination) => {
            const target = moving;
            setMoving(null);
            const name = folderLabel(folderList.find((candidate) => candidate.path === destination)) || destination;
            void removeFromFolder(target, { type: "move", to: destination }, t("toast.moved", { folder: name }), true);
          }}
        />
      ) : null}
      {compose ? (
        <ComposeWindow
          start={compose}
          maxAttachmentBytes={config.maxAttachmentBytes}
          onClose={(draftKept) => {
            setCompose(null);
            if (draftKept) say(t("toast.draftKept"));
            void queryClient.invalidateQueries({ queryKey: MAIL_KEY });
          }}
          onSent={() => {
            setCompose(null);
            say(t("toast.sent"));
            void queryClient.invalidateQueries({ queryKey: MAIL_KEY });
          }}
        />
      ) : null}
      <PageToast
        toast={toast}
        onDismiss={dismissToast}
        regionLabel={t("toast.label")}
        dismissLabel={t("toast.dismiss")}
        testId="mail-toast"
      />
    </div>
  );
}
