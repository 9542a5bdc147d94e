/**
 * One message as the reading view needs it: its summary, full headers from the envelope, the raw
 * (unsanitised!) HTML and text bodies, the attachments list, and the other messages of its
 * conversation in the same folder. Sanitising is the caller's job (server/mail/sanitize).
 *
 * Conversation: messages whose Message-ID is the thread root or whose References name it (one
 * SEARCH, standard IMAP4rev1, so the same on Dovecot and BlueMind), capped at 50.
 */
import type { ImapFlow } from "imapflow";
import type { AttachmentInfo, MailAddress, MessageSummary } from "@/components/mail/api/types";
import { AppError } from "@/server/errors";
import { fetchSummaries } from "./message-list";
import { readTextPart, splitBodyParts } from "./message-parts";
import { SUMMARY_QUERY, referencesFromHeaders, toAddresses } from "./message-summary";

export interface RawMessage {
  summary: MessageSummary;
  replyTo: MailAddress[];
  bcc: MailAddress[];
  inReplyTo: string | null;
  references: string[];
  html: string | null;
  text: string;
  attachments: AttachmentInfo[];
  conversation: MessageSummary[];
  truncated: boolean;
}

const CONVERSATION_MAX = 50;

export async function readMessage(client: ImapFlow, folder: string, uid: number): Promise<RawMessage> {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    const message = await client.fetchOne(String(uid), SUMMARY_QUERY, { uid: true });
    if (!message) throw new AppError("NOT_FOUND", { userMessage: "no such message" });
    const parts = splitBodyParts(message.bodyStructure);
    const html = parts.html ? await readTextPart(client, uid, parts.html.part ?? "1") : null;
    const text = parts.text ? await readTextPart(client, uid, parts.text.part ?? "1") : null;
    const [summary] = await fetchSummaries(client, folder, String(uid), true);
    if (!summary) throw new AppError("NOT_FOUND", { userMessage: "no such message" });
    const references = referencesFromHeaders(message.headers);
    const conversation = await findConversation(client, folder, summary);
    return {
      summary,
      replyTo: toAddresses(message.envelope?.replyTo),
      bcc: toAddresses(message.envelope?.bcc),
      inReplyTo: message.envelope?.inReplyTo ?? null,
      references,
      html: html?.text ?? null,
      text: text?.text ?? "",
      attachments: parts.attachments,
      conversation,
      truncated: Boolean(html?.truncated || text?.truncated),
    };
  } finally {
    lock.release();
  }
}

async function findConversation(client: ImapFlow, folder: string, message: MessageSummary): Promise<MessageSummary[]> {
  const root = message.threadId;
  if (root.startsWith("uid:")) return [];
  const uids = await client.search(
    { or: [{ header: { "message-id": root } }, { header: { references: root } }, { header: { "in-reply-to": root } }] },
    { uid: true },
  );
  const others = (Array.isArray(uids) ? uids : []).filter((candidate) => candidate !== message.uid);
  if (others.length === 0) return [];
  const picked = others.sort((a, b) => a - b).slice(-CONVERSATION_MAX);
  const summaries = await fetchSummaries(client, folder, picked.join(","), true);
  return summaries.sort((a, b) => a.date.localeCompare(b.date));
}
