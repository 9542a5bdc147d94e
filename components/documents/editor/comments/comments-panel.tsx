"use client";
/**
 * The comments side panel: a new comment on the current selection, the threads (oldest first) with
 * their quote, replies and resolve/reopen. Everyone with access reads them; commenters and up
 * write (the server enforces it on the comments document). Activating a thread highlights its
 * text in the editor.
 */
import { useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import type * as Y from "yjs";
import {
  addReply,
  addThread,
  setResolved,
  type CommentAuthor,
  type CommentThread,
} from "@/components/documents/editor/comments/comments-model";
import { inputStyle, primaryButton, secondaryButton } from "@/components/documents/shared/button-styles";

export interface PendingComment {
  from: Y.RelativePosition;
  to: Y.RelativePosition;
  quote: string;
}

export function CommentsPanel({
  doc,
  threads,
  author,
  canComment,
  pending,
  onPendingDone,
  activeThreadId,
  onActivate,
}: {
  doc: Y.Doc;
  threads: readonly CommentThread[];
  author: CommentAuthor;
  canComment: boolean;
  pending: PendingComment | null;
  onPendingDone: () => void;
  activeThreadId: string | null;
  onActivate: (threadId: string | null) => void;
}) {
  const t = useTranslations("documents.comments");
  const format = useFormatter();
  const [showResolved, setShowResolved] = useState(false);
  const visible = threads.filter((thread) => showResolved || !thread.resolved);
  const when = (iso: string) => (iso ? format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short" }) : "");

  return (
    <section aria-labelledby="comments-title" className="space-y-3 text-sm" data-testid="comments-panel">
      <h2 id="comments-title" className="font-semibold text-fg">
        {t("title")}
      </h2>
      {pending && canComment ? (
        <form
          className="space-y-2 rounded border border-primary p-2"
          onSubmit={(event) => {
            event.preventDefault();
            const text = String(new FormData(event.currentTarget).get("text") ?? "").trim();
            if (!text) return;
            const id = addThread(doc, { ...pending, text, author });
            onPendingDone();
            onActivate(id);
          }}
        >
          <blockquote className="border-l-2 border-border-strong pl-2 text-fg-muted">
            <span className="sr-only">{t("quote")} : </span>
            {pending.quote}
          </blockquote>
          <label className="block">
            <span className="sr-only">{t("new")}</span>
            <textarea
              name="text"
              rows={3}
              required
              maxLength={5000}
              autoFocus
              placeholder={t("new")}
              className={inputStyle}
            />
          </label>
          <div className="flex justify-end gap-2">
            <button type="button" className={secondaryButton} onClick={onPendingDone}>
              {t("cancel")}
            </button>
            <button type="submit" className={primaryButton}>
              {t("add")}
            </button>
          </div>
        </form>
      ) : canComment ? (
        <p className="text-fg-muted">{t("selectText")}</p>
      ) : null}

      <label className="flex items-center gap-2 text-fg-muted">
        <input type="checkbox" checked={showResolved} onChange={(event) => setShowResolved(event.target.checked)} />
        {t("showResolved")}
      </label>

      {visible.length === 0 ? <p className="text-fg-muted">{t("empty")}</p> : null}
      <ol className="space-y-3">
        {visible.map((thread) => (
          <li
            key={thread.id}
            data-testid="comment-thread"
            className={`rounded border p-2 ${thread.id === activeThreadId ? "border-primary" : "border-border"} ${thread.resolved ? "opacity-70" : ""}`}
          >
            <button
              type="button"
              className="w-full text-left focus-visible:outline-2 focus-visible:outline-primary"
              aria-pressed={thread.id === activeThreadId}
              onClick={() => onActivate(thread.id === activeThreadId ? null : thread.id)}
            >
              <blockquote className="truncate border-l-2 border-border-strong pl-2 text-fg-muted">
                {thread.quote}
              </blockquote>
            </button>
            <p className="mt-1 text-xs text-fg-muted">
              {t("by", { name: thread.authorName, date: when(thread.createdAt) })}
            </p>
            <p className="whitespace-pre-wrap text-fg">{thread.text}</p>
            {thread.replies.length > 0 ? (
              <ul className="mt-2 space-y-1 border-l border-border pl-2">
                {thread.replies.map((reply) => (
                  <li key={reply.id}>
                    <p className="text-xs text-fg-muted">
                      {t("by", { name: reply.authorName, date: when(reply.createdAt) })}
                    </p>
                    <p className="whitespace-pre-wrap text-fg">{reply.text}</p>
                  </li>
                ))}
              </ul>
            ) : null}
            {thread.resolved ? <p className="mt-1 text-xs font-medium text-fg-muted">{t("resolved")}</p> : null}
            {canComment ? (
              <div className="mt-2 space-y-2">
                {!thread.resolved ? (
                  <form
                    className="flex gap-2"
                    onSubmit={(event) => {
                      event.preventDefault();
                      const form = event.currentTarget;
                      const text = String(new FormData(form).get("reply") ?? "").trim();
                      if (!text) return;
                      addReply(doc, thread.id, text, author);
                      form.reset();
                    }}
                  >
                    <label className="flex-1">
                      <span className="sr-only">{t("replyLabel", { name: thread.authorName })}</span>
                      <input name="reply" maxLength={5000} placeholder={t("reply")} className={inputStyle} />
                    </label>
                    <button type="submit" className={secondaryButton}>
                      {t("reply")}
                    </button>
                  </form>
                ) : null}
                <button
                  type="button"
                  className={secondaryButton}
                  onClick={() => setResolved(doc, thread.id, !thread.resolved)}
                >
                  {thread.resolved ? t("reopen") : t("resolve")}
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
