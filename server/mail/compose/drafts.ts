/**
 * Drafts live in the user's Drafts folder on the IMAP server (so they follow the user to their
 * phone's mail app, and no portal process keeps any): save = APPEND the new version with \Draft
 * and \Seen, then delete the previous version's uid. The UI debounces saves.
 */
import "server-only";
import type { ImapFlow } from "imapflow";
import type { DraftSaved } from "@/components/mail/api/types";
import { AppError } from "@/server/errors";
import { folderWithRole } from "@/integrations/imap/folders";
import { splitBodyParts } from "@/integrations/imap/message-parts";

export async function draftsFolder(client: ImapFlow): Promise<string> {
  const path = await folderWithRole(client, "drafts");
  if (!path) throw new AppError("CONFLICT", { userMessage: "this mailbox has no Drafts folder" });
  return path;
}

/** APPENDs a message into `folder` with flags; returns its uid (UIDPLUS), else finds it by Message-ID. */
export async function appendMessage(
  client: ImapFlow,
  folder: string,
  raw: Buffer,
  flags: string[],
  messageId: string,
): Promise<number> {
  const appended = await client.append(folder, raw, flags);
  if (appended && appended.uid) return appended.uid;
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    const found = await client.search({ header: { "message-id": messageId } }, { uid: true });
    const uid = Array.isArray(found) ? found.at(-1) : undefined;
    if (!uid) throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "the mail server did not keep the message" });
    return uid;
  } finally {
    lock.release();
  }
}

/** Deletes one message for good from `folder` (a replaced draft). Missing is fine. */
export async function expungeMessage(client: ImapFlow, folder: string, uid: number): Promise<void> {
  const lock = await client.getMailboxLock(folder);
  try {
    await client.messageDelete(String(uid), { uid: true });
  } finally {
    lock.release();
  }
}

export async function savedDraft(client: ImapFlow, folder: string, uid: number): Promise<DraftSaved> {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    const message = await client.fetchOne(String(uid), { uid: true, bodyStructure: true }, { uid: true });
    return { uid, folder, attachments: message ? splitBodyParts(message.bodyStructure).attachments : [] };
  } finally {
    lock.release();
  }
}
