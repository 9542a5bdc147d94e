/**
 * The mail module: /mail in the launcher, a dashboard widget (unread count and the five latest
 * messages of the inbox, each linking to itself), the header bell's "new message" notifications,
 * and the IMAP server's health for GET /api/ready. Enabled when IMAP_URL and SMTP_URL are both
 * set: reading without sending (or the reverse) would be a broken mail client.
 *
 * Mail is read as the person (server/groupware/credentials.ts): when they have not connected
 * their account, the widget says so with the connect form instead of an error, and the bell has
 * nothing from mail.
 */
import "server-only";
import type { PortalModule } from "@/server/modules/types";
import { checkImapGreeting } from "@/server/mail/widget/imap-greeting";
import { loadMailWidget, mailNotifications } from "@/server/mail/widget/load-mail-widget";
export { readUserEmail } from "@/server/mail/widget/read-user-email";
import { MailWidget, type MailWidgetData } from "@/components/mail/widget/mail-widget";

/** Largest file the compose window lets someone attach from the computer (the server has its own cap). */
export const MAIL_MAX_ATTACHMENT_BYTES = 25 * 1024 ** 2;

export const mailModule: PortalModule<MailWidgetData> = {
  id: "mail",
  isEnabled: (config) => config.IMAP_URL !== undefined && config.SMTP_URL !== undefined,
  nav: { href: "/mail", labelKey: "mail", icon: "mail" },
  widget: {
    titleKey: "mail",
    Component: MailWidget,
    load: loadMailWidget,
  },
  notifications: mailNotifications,
  async health(config, signal) {
    if (!config.IMAP_URL) return { state: "down", reason: "not configured" };
    return checkImapGreeting(config.IMAP_URL, signal);
  },
};
