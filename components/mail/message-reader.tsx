"use client";
/**
 * The open message: its actions (reply, reply all, forward, read/unread, flag, archive, move,
 * delete), its headers, the other messages of its conversation, its body (message-body.tsx) and
 * its attachments. Actions are passed in by the page, which owns the optimistic updates and the
 * "undo" of a delete; the reader only presents them.
 */
import { useFormatter, useTranslations } from "use-intl";
import { buttonClass } from "@/components/files/dialogs/modal-dialog";
import type { MailAddress, MessageDetail, MessageSummary } from "./api/types";
import { AttachmentList } from "./attachment-list";
import { MessageBody } from "./message-body";

export interface ReaderActions {
  reply: () => void;
  replyAll: () => void;
  forward: () => void;
  toggleSeen: () => void;
  toggleFlag: () => void;
  archive: (() => void) | null;
  move: () => void;
  trash: () => void;
  back: () => void;
  editDraft: (() => void) | null;
}

function addressList(addresses: readonly MailAddress[]): string {
  return addresses
    .map((address) => (address.name ? `${address.name} <${address.address}>` : address.address))
    .join(", ");
}

export function MessageReader({
  message,
  actions,
  onOpenConversation,
  onSavedToFiles,
}: {
  message: MessageDetail;
  actions: ReaderActions;
  onOpenConversation: (summary: MessageSummary) => void;
  onSavedToFiles: (path: string) => void;
}) {
  const t = useTranslations("mail.reader");
  const format = useFormatter();
  const seen = message.flags.includes("seen");
  const flagged = message.flags.includes("flagged");
  const conversation = [...message.conversation, message].sort((a, b) => a.date.localeCompare(b.date));

  return (
    <article aria-labelledby="mail-subject" className="space-y-4" data-testid="mail-reader">
      <div role="toolbar" aria-label={t("actions")} className="flex flex-wrap gap-2">
        <button type="button" className={`${buttonClass.secondary} md:hidden`} onClick={actions.back}>
          <span aria-hidden="true">←</span> {t("back")}
        </button>
        {actions.editDraft ? (
          <button type="button" className={buttonClass.primary} onClick={actions.editDraft}>
            {t("editDraft")}
          </button>
        ) : (
          <>
            <button type="button" className={buttonClass.primary} onClick={actions.reply}>
              {t("reply")}
            </button>
            <button type="button" className={buttonClass.secondary} onClick={actions.replyAll}>
              {t("replyAll")}
            </button>
            <button type="button" className={buttonClass.secondary} onClick={actions.forward}>
              {t("forward")}
            </button>
          </>
        )}
        <button type="button" className={buttonClass.secondary} onClick={actions.toggleSeen}>
          {seen ? t("markUnread") : t("markRead")}
        </button>
        <button type="button" className={buttonClass.secondary} aria-pressed={flagged} onClick={actions.toggleFlag}>
          {flagged ? t("unflag") : t("flag")}
        </button>
        {actions.archive ? (
          <button type="button" className={buttonClass.secondary} onClick={actions.archive}>
            {t("archive")}
          </button>
        ) : null}
        <button type="button" className={buttonClass.secondary} onClick={actions.move}>
          {t("move")}
        </button>
        <button type="button" className={buttonClass.danger} onClick={actions.trash}>
          {t("delete")}
        </button>
      </div>

      <header className="space-y-1">
        <h2 id="mail-subject" className="break-words text-xl font-semibold" tabIndex={-1}>
          {message.subject || t("noSubject")}
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
          <dt className="text-fg-muted">{t("from")}</dt>
          <dd className="break-words" data-testid="mail-from">
            {addressList(message.from)}
          </dd>
          {message.to.length > 0 ? (
            <>
              <dt className="text-fg-muted">{t("to")}</dt>
              <dd className="break-words">{addressList(message.to)}</dd>
            </>
          ) : null}
          {message.cc.length > 0 ? (
            <>
              <dt className="text-fg-muted">{t("cc")}</dt>
              <dd className="break-words">{addressList(message.cc)}</dd>
            </>
          ) : null}
          <dt className="text-fg-muted">{t("date")}</dt>
          <dd>
            <time dateTime={message.date}>
              {format.dateTime(new Date(message.date), { dateStyle: "full", timeStyle: "short" })}
            </time>
          </dd>
        </dl>
      </header>

      {conversation.length > 1 ? (
        <nav aria-label={t("conversation", { count: conversation.length })} data-testid="mail-conversation">
          <ol className="divide-y divide-border rounded border border-border text-sm">
            {conversation.map((item) => (
              <li key={`${item.folder}:${item.uid}`}>
                {item.uid === message.uid && item.folder === message.folder ? (
                  <p aria-current="true" className="bg-surface-muted px-3 py-2 font-semibold">
                    {(item.from[0]?.name || item.from[0]?.address) ?? ""} ·{" "}
                    {format.dateTime(new Date(item.date), { dateStyle: "short", timeStyle: "short" })}
                  </p>
                ) : (
                  <button
                    type="button"
                    className="w-full px-3 py-2 text-left hover:bg-surface-muted"
                    onClick={() => onOpenConversation(item)}
                  >
                    {(item.from[0]?.name || item.from[0]?.address) ?? ""} ·{" "}
                    {format.dateTime(new Date(item.date), { dateStyle: "short", timeStyle: "short" })}
                    <span className="block truncate text-fg-muted">{item.preview}</span>
                  </button>
                )}
              </li>
            ))}
          </ol>
        </nav>
      ) : null}

      <MessageBody key={`${message.folder}:${message.uid}`} message={message} />
      <AttachmentList
        folder={message.folder}
        uid={message.uid}
        attachments={message.attachments}
        onSavedToFiles={onSavedToFiles}
      />
    </article>
  );
}
