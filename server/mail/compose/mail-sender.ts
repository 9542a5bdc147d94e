/**
 * Who the user sends as, and how they log in to SMTP: the same credential as IMAP (mail login =
 * their address on BlueMind; in OAuth mode the portal account's address). The display name is the
 * portal's (from the identity provider), never typed by the browser.
 */
import "server-only";
import type { PortalUser } from "@/server/auth/portal-user";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { groupwareLogin, type GroupwareLogin } from "@/server/groupware/credentials";
import { parseSmtpUrl, type SmtpEndpoint } from "@/integrations/smtp/smtp-submit";

export interface MailSender {
  address: string;
  name: string;
  credential: GroupwareLogin;
  smtp: SmtpEndpoint;
}

export async function mailSender(user: PortalUser): Promise<MailSender> {
  const url = env().SMTP_URL;
  if (!url) throw new AppError("NOT_CONFIGURED", { userMessage: "sending mail is not configured on this portal" });
  const credential = await groupwareLogin(user, "mail");
  if (!/^[^\s@]+@[^\s@]+$/.test(credential.login))
    throw new AppError("CONFLICT", {
      userMessage: "your mail login is not an e-mail address: reconnect your account with your address",
    });
  return {
    address: credential.login,
    name: user.displayName.replace(/[\r\n]/g, " "),
    credential,
    smtp: parseSmtpUrl(url),
  };
}
