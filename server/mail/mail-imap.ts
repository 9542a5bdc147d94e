/**
 * The one way server code reaches the signed-in user's mailbox: checks the module is configured
 * (503 NOT_CONFIGURED without IMAP_URL), resolves the user's credential (OAuth token or stored
 * password: server/groupware/credentials.ts) and runs the task on a pooled connection.
 */
import "server-only";
import type { ImapFlow } from "imapflow";
import type { PortalUser } from "@/server/auth/portal-user";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { groupwareLogin } from "@/server/groupware/credentials";
import { parseImapUrl, type ImapEndpoint } from "@/integrations/imap/imap-endpoint";
import { imapPool } from "@/integrations/imap/imap-pool";

export function imapEndpoint(): ImapEndpoint {
  const url = env().IMAP_URL;
  if (!url) throw new AppError("NOT_CONFIGURED", { userMessage: "mail is not configured on this portal" });
  return parseImapUrl(url);
}

export async function withMailbox<T>(
  user: PortalUser,
  task: (client: ImapFlow) => Promise<T>,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<T> {
  const endpoint = imapEndpoint();
  const login = await groupwareLogin(user, "mail");
  return imapPool().use(user.id, endpoint, login, task, options);
}
