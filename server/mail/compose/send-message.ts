/**
 * Save a draft, and send. Sending is: build → APPEND to Drafts first (so nothing the user wrote
 * can be lost) → SMTP → on success APPEND the same bytes to Sent (BlueMind does not file a copy
 * itself), delete the draft, flag the original \Answered / $Forwarded. When the server refuses,
 * the draft stays and the error says why (recipient, size, login, temporarily unavailable) and
 * which draft uid holds the message.
 */
import "server-only";
import type { DraftSaved, SendResult } from "@/components/mail/api/types";
import type { PortalUser } from "@/server/auth/portal-user";
import { env } from "@/server/env";
import { AppError, type ErrorCode } from "@/server/errors";
import type { ComposeInput } from "@/server/mail/mail-input";
import { withMailbox } from "@/server/mail/mail-imap";
import { folderWithRole } from "@/integrations/imap/folders";
import { SmtpRefusal, submitMessage } from "@/integrations/smtp/smtp-submit";
import { buildMessage, withoutBcc } from "./build-message";
import { appendMessage, draftsFolder, expungeMessage, savedDraft } from "./drafts";
import { mailSender } from "./mail-sender";
import type Mail from "nodemailer/lib/mailer";

/** A send the server refused: the message is safe in Drafts under `draftUid`. */
export class SendRefused extends Error {
  override name = "SendRefused";
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly userMessage: string,
    readonly draftUid: number,
    readonly draftFolder: string,
  ) {
    super(userMessage);
  }
}

export async function saveDraft(
  user: PortalUser,
  input: ComposeInput,
  options: { signal?: AbortSignal; extraAttachments?: Mail.Attachment[] } = {},
): Promise<DraftSaved> {
  const sender = await mailSender(user);
  return withMailbox(
    user,
    async (client) => {
      const folder = await draftsFolder(client);
      const built = await buildMessage(client, user, sender, input, options);
      const uid = await appendMessage(client, folder, built.raw, ["\\Draft", "\\Seen"], built.messageId);
      if (input.draftUid && input.draftUid !== uid) await expungeMessage(client, folder, input.draftUid);
      return savedDraft(client, folder, uid);
    },
    { signal: options.signal, timeoutMs: 120_000 },
  );
}

export async function deleteDraft(user: PortalUser, uid: number): Promise<void> {
  await withMailbox(user, async (client) => expungeMessage(client, await draftsFolder(client), uid));
}

function refusalMessage(refusal: SmtpRefusal): { code: ErrorCode; status: number; message: string } {
  switch (refusal.kind) {
    case "recipient":
      return {
        code: "BAD_REQUEST",
        status: 400,
        message: `the mail server refused ${refusal.rejected.length ? `these recipients: ${refusal.rejected.join(", ")}` : "a recipient"}`,
      };
    case "size":
      return {
        code: "PAYLOAD_TOO_LARGE",
        status: 413,
        message: "the mail server refused the message: it is too large",
      };
    case "auth":
      return { code: "BACKEND_UNAVAILABLE", status: 502, message: "the mail server refused your login for sending" };
    case "timeout":
      return { code: "BACKEND_TIMEOUT", status: 504, message: "the mail server did not answer in time" };
    case "temporary":
      return {
        code: "BACKEND_UNAVAILABLE",
        status: 502,
        message: "the mail server is temporarily refusing mail: retry later",
      };
    default:
      return { code: "BACKEND_UNAVAILABLE", status: 502, message: "the mail server refused the message" };
  }
}

export async function sendMessage(user: PortalUser, input: ComposeInput, signal?: AbortSignal): Promise<SendResult> {
  if (input.to.length + (input.cc?.length ?? 0) + (input.bcc?.length ?? 0) === 0)
    throw new AppError("BAD_REQUEST", { userMessage: "invalid to: give at least one recipient" });
  const sender = await mailSender(user);
  // 1. Build and keep it in Drafts.
  const saved = await withMailbox(
    user,
    async (client) => {
      const folder = await draftsFolder(client);
      const built = await buildMessage(client, user, sender, input, { signal });
      const uid = await appendMessage(client, folder, built.raw, ["\\Draft", "\\Seen"], built.messageId);
      if (input.draftUid && input.draftUid !== uid) await expungeMessage(client, folder, input.draftUid);
      return { built, folder, uid };
    },
    { signal, timeoutMs: 120_000 },
  );
  // 2. Submit (no IMAP connection held meanwhile).
  let submitted;
  try {
    submitted = await submitMessage(sender.smtp, sender.credential, saved.built.envelope, withoutBcc(saved.built.raw));
  } catch (error) {
    if (!(error instanceof SmtpRefusal)) throw error;
    const { code, status, message } = refusalMessage(error);
    throw new SendRefused(code, status, message, saved.uid, saved.folder);
  }
  // 3. File the sent copy, drop the draft, mark the original.
  return withMailbox(
    user,
    async (client) => {
      let sentFolder: string | null = null;
      let sentUid: number | null = null;
      if (env().MAIL_APPEND_SENT) {
        sentFolder = await folderWithRole(client, "sent");
        if (sentFolder)
          sentUid = await appendMessage(client, sentFolder, saved.built.raw, ["\\Seen"], saved.built.messageId);
      }
      await expungeMessage(client, saved.folder, saved.uid);
      if (input.original && input.mode !== "new") {
        const lock = await client.getMailboxLock(input.original.folder);
        try {
          await client.messageFlagsAdd(
            String(input.original.uid),
            [input.mode === "forward" ? "$Forwarded" : "\\Answered"],
            {
              uid: true,
            },
          );
        } finally {
          lock.release();
        }
      }
      return {
        messageId: saved.built.messageId,
        sentFolder,
        sentUid,
        accepted: submitted.accepted,
        rejected: submitted.rejected,
      };
    },
    { timeoutMs: 120_000 },
  );
}
