"use client";
/**
 * The folder's messages, newest first, in a VIRTUAL list: only the rows in view (plus a few) are
 * in the page, so a folder of ten thousand messages scrolls as lightly as one of ten. Pages are
 * fetched as the list nears its end (infinite query, cursor pagination on the server).
 *
 * Keyboard: the list is one tab stop (roving tabindex); ArrowUp/ArrowDown, Home/End and PageUp/
 * PageDown move between rows (scrolling the row into the page first, since it may not exist yet),
 * Enter or Space opens the message. Rows are list items with their position in the whole folder
 * (aria-posinset/aria-setsize), so a screen reader says "12 of 3 480".
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useFormatter, useTranslations } from "use-intl";
import type { MailAddress, MessageSummary } from "./api/types";

const ROW_HEIGHT = 76;

function who(addresses: readonly MailAddress[]): string {
  return addresses.map((address) => address.name || address.address).join(", ");
}

export function MessageList({
  messages,
  total,
  hasMore,
  loadingMore,
  onLoadMore,
  selectedUid,
  onOpen,
  showRecipients,
  label,
}: {
  messages: readonly MessageSummary[];
  /** Messages in the whole folder (or matches of the search). */
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  selectedUid: number | null;
  onOpen: (message: MessageSummary) => void;
  /** Sent and Drafts show whom a message went to rather than who sent it. */
  showRecipients: boolean;
  label: string;
}) {
  const t = useTranslations("mail.list");
  const format = useFormatter();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const focusAfterScroll = useRef<number | null>(null);
  const count = messages.length + (hasMore ? 1 : 0);

  // TanStack Virtual returns functions React Compiler cannot memoise; the list re-renders on scroll anyway.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= messages.length - 10) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, messages.length, onLoadMore]);

  useEffect(() => {
    const wanted = focusAfterScroll.current;
    if (wanted === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${wanted}"] [data-row]`);
    if (row) {
      focusAfterScroll.current = null;
      row.focus();
    }
  });

  const activeIndex = Math.min(active, Math.max(0, messages.length - 1));

  function moveTo(index: number) {
    const next = Math.max(0, Math.min(messages.length - 1, index));
    setActive(next);
    focusAfterScroll.current = next;
    virtualizer.scrollToIndex(next, { align: "auto" });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>, index: number) {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 5) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: messages.length - 1,
      PageDown: index + page,
      PageUp: index - page,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      const message = messages[index];
      if (message) onOpen(message);
    }
  }

  const today = new Date().toDateString();
  function shortDate(iso: string): string {
    const date = new Date(iso);
    return date.toDateString() === today
      ? format.dateTime(date, { hour: "2-digit", minute: "2-digit" })
      : format.dateTime(date, { day: "numeric", month: "short" });
  }

  return (
    <div ref={scrollRef} className="h-full overflow-y-auto" data-testid="mail-list" aria-busy={loadingMore}>
      <div role="list" aria-label={label} style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {items.map((item) => {
          const message = messages[item.index];
          const style = {
            position: "absolute" as const,
            top: 0,
            left: 0,
            width: "100%",
            height: item.size,
            transform: `translateY(${item.start}px)`,
          };
          if (!message) {
            return (
              <div
                key="loader"
                data-index={item.index}
                role="listitem"
                style={style}
                className="px-3 py-4 text-sm text-fg-muted"
              >
                {t("loadingMore")}
              </div>
            );
          }
          const unread = !message.flags.includes("seen");
          const flagged = message.flags.includes("flagged");
          const people = showRecipients ? who(message.to) : who(message.from);
          const selected = message.uid === selectedUid;
          return (
            <div
              key={`${message.folder}:${message.uid}`}
              data-index={item.index}
              role="listitem"
              aria-setsize={total}
              aria-posinset={item.index + 1}
              style={style}
            >
              <div
                data-row
                data-testid="mail-row"
                role="button"
                tabIndex={item.index === activeIndex ? 0 : -1}
                aria-current={selected ? "true" : undefined}
                onClick={() => {
                  setActive(item.index);
                  onOpen(message);
                }}
                onKeyDown={(event) => onKeyDown(event, item.index)}
                onFocus={() => setActive(item.index)}
                className={`flex h-full cursor-pointer flex-col justify-center gap-0.5 border-b border-border px-3 text-sm outline-offset-[-2px] hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-primary ${selected ? "bg-surface-muted" : ""}`}
              >
                <div className="flex items-baseline gap-2">
                  {unread ? <span aria-hidden="true" className="size-2 shrink-0 rounded-full bg-primary" /> : null}
                  <span className={`min-w-0 flex-1 truncate ${unread ? "font-bold" : ""}`}>
                    {people || t("noSender")}
                  </span>
                  {message.hasAttachments ? (
                    <span aria-hidden="true" title={t("hasAttachments")}>
                      📎
                    </span>
                  ) : null}
                  {flagged ? (
                    <span aria-hidden="true" className="text-primary-ink" title={t("flagged")}>
                      ★
                    </span>
                  ) : null}
                  <time dateTime={message.date} className="shrink-0 text-xs text-fg-muted">
                    {shortDate(message.date)}
                  </time>
                </div>
                <span className={`truncate ${unread ? "font-semibold" : ""}`}>{message.subject || t("noSubject")}</span>
                <span className="truncate text-xs text-fg-muted">{message.preview}</span>
                <span className="sr-only">
                  {[
                    unread ? t("unread") : null,
                    flagged ? t("flagged") : null,
                    message.hasAttachments ? t("hasAttachments") : null,
                  ]
                    .filter(Boolean)
                    .join(", ")}
                </span>
              </div>
            </div>
          );
        })}
      </div>
      {messages.length === 0 && !hasMore ? <p className="px-3 py-6 text-sm text-fg-muted">{t("empty")}</p> : null}
    </div>
  );
}
