/**
 * The mail module's dashboard widget and notification source, both read from the inbox through
 * the pooled connection (server/mail/mail-imap.ts) under the caller's deadline:
 *
 *   - widget: the inbox's unread count and its five newest messages, each linking to itself in
 *     /mail; GROUPWARE_NOT_CONNECTED becomes the "connect your mail account" form, not an error;
 *   - notifications: the inbox's unseen messages of the last few days, newest first ("Nouveau
 *     message de X" + subject). What is new is the server's \Seen flag: nothing is stored here,
 *     so any portal process answers the same; the bell remembers which ones it has shown.
 */
import "server-only";
import type { ImapFlow } from "imapflow";
import { parseLocale, TIME_ZONE, type TLocale } from "@/i18n/locales";
import { AppError } from "@/server/errors";
import { getClientMessages } from "@/server/i18n/get-client-messages";
import { getTranslations } from "@/server/i18n/get-translations";
import { withMailbox } from "@/server/mail/mail-imap";
import { readUserEmail } from "@/server/mail/widget/read-user-email";
import type { PortalNotification, WidgetContext } from "@/server/modules/types";
import { fetchSummaries, listMessagePage } from "@/integrations/imap/message-list";
import type { MailWidgetData } from "@/components/mail/widget/mail-widget";
import type { MessageSummary } from "@/components/mail/api/types";

export const MAIL_WIDGET_MAX_ITEMS = 5;
/** The bell lists unseen messages received in the last days only: older unread mail is not "new". */
export const NOTIFICATION_WINDOW_DAYS = 3;
export const MAX_MAIL_NOTIFICATIONS = 10;
const INBOX = "INBOX";

export function messageHref(folder: string, uid: number): string {
  const params = new URLSearchParams();
  if (folder !== INBOX) params.set("folder", folder);
  params.set("uid", String(uid));
  return `/mail?${params.toString()}`;
}

function senderOf(message: MessageSummary): string {
  const sender = message.from[0];
  return sender ? sender.name || sender.address : "";
}

function isNotConnected(error: unknown): boolean {
  return error instanceof AppError && error.code === "GROUPWARE_NOT_CONNECTED";
}

export async function loadMailWidget({ user, locale, signal }: WidgetContext): Promise<MailWidgetData> {
  const language: TLocale = parseLocale(locale);
  const t = await getTranslations("mail", language);
  let page;
  try {
    page = await withMailbox(user, (client) => listMessagePage(client, INBOX, { limit: MAIL_WIDGET_MAX_ITEMS }), {
      signal,
    });
  } catch (error) {
    if (!isNotConnected(error)) throw error;
    const [messages, email] = await Promise.all([getClientMessages(language, ["groupware"]), readUserEmail(user.id)]);
    return { state: "not-connected", locale: language, messages, email };
  }
  const dates = new Intl.DateTimeFormat(language, { dateStyle: "short", timeStyle: "short", timeZone: TIME_ZONE });
  return {
    state: "ok",
    unread: page.unread,
    unreadLabel: t("widget.unread", { count: page.unread }),
    items: page.messages.slice(0, MAIL_WIDGET_MAX_ITEMS).map((message) => ({
      key: `${message.folder}:${message.uid}`,
      href: messageHref(message.folder, message.uid),
      sender: senderOf(message),
      subject: message.subject || t("widget.noSubject"),
      unread: !message.flags.includes("seen"),
      dateTime: message.date,
      date: dates.format(new Date(message.date)),
    })),
    labels: { listLabel: t("widget.listLabel"), empty: t("widget.empty"), all: t("widget.all") },
  };
}

async function unseenRecent(client: ImapFlow, now: Date): Promise<MessageSummary[]> {
  const lock = await client.getMailboxLock(INBOX, { readOnly: true });
  try {
    const since = new Date(now.getTime() - NOTIFICATION_WINDOW_DAYS * 24 * 60 * 60 * 1000);
    const found = await client.search({ seen: false, since }, { uid: true });
    const uids = (Array.isArray(found) ? found : []).sort((a, b) => b - a).slice(0, MAX_MAIL_NOTIFICATIONS);
    if (uids.length === 0) return [];
    return await fetchSummaries(client, INBOX, uids.join(","), true);
  } finally {
    lock.release();
  }
}

export async function mailNotifications({ user, locale, signal }: WidgetContext): Promise<PortalNotification[]> {
  const t = await getTranslations("mail", parseLocale(locale));
  let messages: MessageSummary[];
  try {
    messages = await withMailbox(user, (client) => unseenRecent(client, new Date()), { signal });
  } catch (error) {
    // Not connected: nothing to announce (the page and the widget offer the connect form).
    if (isNotConnected(error)) return [];
    throw error;
  }
  return messages
    .sort((a, b) => b.uid - a.uid)
    .map((message) => ({
      id: `mail:${message.folder}:${message.uid}`,
      module: "mail",
      title: t("notification.title", { name: senderOf(message) || "?" }),
      body: message.subject || t("widget.noSubject"),
      href: messageHref(message.folder, message.uid),
      createdAt: new Date(message.date).toISOString(),
    }));
}
