/**
 * Connecting the user's own groupware account (password mode): the login and password are tried
 * against the mail server first (an IMAP LOGIN, not pooled), and stored sealed only when it
 * accepts them. Without IMAP_URL (agenda/contacts only), they are tried against CalDAV/CardDAV
 * with a PROPFIND. Disconnecting forgets them and closes the user's pooled connections. In OAuth
 * mode there is nothing to store: the status says so.
 */
import "server-only";
import { z } from "zod";
import type { GroupwareAccountStatus } from "@/components/mail/api/types";
import type { PortalUser } from "@/server/auth/portal-user";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { requestMeta } from "@/server/auth/request-meta";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { deleteStoredLogin, readStoredLogin, saveStoredLogin } from "@/server/groupware/credentials";
import { parseImapUrl } from "@/integrations/imap/imap-endpoint";
import { imapPool } from "@/integrations/imap/imap-pool";

export const ZConnectAccount = z.object({
  login: z
    .string()
    .trim()
    .min(1, "login is required")
    .max(320, "login is too long")
    .regex(/^[^\u0000-\u001f\u007f\s]+$/, "login may not contain spaces or control characters"),
  password: z
    .string()
    .min(1, "password is required")
    .max(1024, "password is too long")
    .regex(/^[^\u0000\r\n]*$/, "password may not contain line breaks"),
});

export async function accountStatus(user: PortalUser): Promise<GroupwareAccountStatus> {
  const mode = env().MAIL_AUTH;
  const stored = await readStoredLogin(user.id);
  if (mode !== "password") return { mode, connected: true, login: stored?.login ?? null };
  return { mode, connected: Boolean(stored), login: stored?.login ?? null };
}

async function verifyWithDav(url: string, login: string, password: string, signal: AbortSignal): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "PROPFIND",
      headers: {
        authorization: `Basic ${Buffer.from(`${login}:${password}`).toString("base64")}`,
        depth: "0",
        "content-type": "application/xml",
      },
      body: '<?xml version="1.0"?><propfind xmlns="DAV:"><prop><current-user-principal/></prop></propfind>',
      signal: AbortSignal.any([signal, AbortSignal.timeout(15_000)]),
      redirect: "manual",
    });
  } catch (error) {
    throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "the groupware server is unavailable", cause: error });
  }
  await response.body?.cancel();
  if (response.status === 401 || response.status === 403)
    throw new AppError("BAD_REQUEST", { userMessage: "the server refused the login: check the login and password" });
  if (response.status >= 500)
    throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "the groupware server is unavailable" });
}

export async function connectAccount(
  user: PortalUser,
  input: z.output<typeof ZConnectAccount>,
  request: Request,
): Promise<GroupwareAccountStatus> {
  const config = env();
  if (config.IMAP_URL) {
    await imapPool().verify(parseImapUrl(config.IMAP_URL), {
      kind: "password",
      login: input.login,
      password: input.password,
    });
  } else {
    const davUrl = config.CALDAV_URL ?? config.CARDDAV_URL;
    if (!davUrl) throw new AppError("NOT_CONFIGURED", { userMessage: "mail, agenda and contacts are not configured" });
    await verifyWithDav(davUrl, input.login, input.password, request.signal);
  }
  await saveStoredLogin(user.id, input.login, input.password);
  await imapPool().closeUser(user.id);
  await recordAuditEvent({
    action: "groupware.account_connected",
    actorUserId: user.id,
    targetType: "user",
    targetId: user.id,
    ...(await requestMeta()),
  });
  return accountStatus(user);
}

export async function disconnectAccount(user: PortalUser): Promise<GroupwareAccountStatus> {
  const had = await readStoredLogin(user.id);
  await deleteStoredLogin(user.id);
  await imapPool().closeUser(user.id);
  if (had) {
    await recordAuditEvent({
      action: "groupware.account_disconnected",
      actorUserId: user.id,
      targetType: "user",
      targetId: user.id,
      ...(await requestMeta()),
    });
  }
  return accountStatus(user);
}
