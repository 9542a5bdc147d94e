/**
 * One page of a folder, newest first, WITHOUT reading the whole mailbox: messages are in UID
 * order in sequence numbers, so the first page is the sequence range (EXISTS-limit+1):EXISTS; an
 * older page counts the UIDs below the cursor with ESEARCH COUNT (one number back, not a list of
 * 10,000) and fetches the sequence range ending there. Then one FETCH for envelopes, flags,
 * structure and sizes, and one partial FETCH (BODY.PEEK[part]<0.640>) per distinct text part
 * number for the previews.
 */
import type { FetchMessageObject, ImapFlow, MessageStructureObject } from "imapflow";
import type { MessagePage, MessageSummary } from "@/components/mail/api/types";
import {
  PREVIEW_BYTES,
  SUMMARY_WITH_TEXT_QUERY,
  previewFromTextHead,
  previewPart,
  previewText,
  toSummary,
} from "./message-summary";

/** The BODY[TEXT]<0> bytes of a FETCH answer (imapflow keys partial answers like "text]<0>"). */
function textHead(message: FetchMessageObject): Buffer | undefined {
  for (const [key, value] of message.bodyParts ?? []) if (key.toLowerCase().startsWith("text")) return value;
  return undefined;
}

/**
 * Fetches summaries (with previews) for a sequence or UID set, in the server's order: ONE FETCH
 * brings envelopes, flags, structure, sizes and the first bytes of each body, from which most
 * previews are cut; the rare message whose text part starts later gets a partial FETCH of that
 * part (grouped by part number).
 */
export async function fetchSummaries(
  client: ImapFlow,
  folder: string,
  range: string,
  byUid: boolean,
): Promise<MessageSummary[]> {
  const messages: FetchMessageObject[] = [];
  for await (const message of client.fetch(range, SUMMARY_WITH_TEXT_QUERY, { uid: byUid })) messages.push(message);
  if (messages.length === 0) return [];
  const previews = new Map<number, string>();
  const byPart = new Map<string, { uids: number[]; parts: Map<number, MessageStructureObject> }>();
  for (const message of messages) {
    const head = textHead(message);
    const fromHead = previewFromTextHead(head, message.bodyStructure);
    if (fromHead !== null) {
      previews.set(message.uid, fromHead);
      continue;
    }
    const part = previewPart(message.bodyStructure);
    if (!part?.part) continue;
    const group = byPart.get(part.part) ?? { uids: [] as number[], parts: new Map<number, MessageStructureObject>() };
    group.uids.push(message.uid);
    group.parts.set(message.uid, part);
    byPart.set(part.part, group);
  }
  for (const [key, group] of byPart) {
    for await (const message of client.fetch(
      group.uids.join(","),
      { uid: true, bodyParts: [{ key, maxLength: PREVIEW_BYTES }] },
      { uid: true },
    )) {
      const raw = message.bodyParts?.get(key) ?? message.bodyParts?.values().next().value;
      previews.set(message.uid, previewText(raw, group.parts.get(message.uid) ?? null));
    }
  }
  return messages.map((message) => toSummary(folder, message, previews.get(message.uid) ?? ""));
}

export async function listMessagePage(
  client: ImapFlow,
  folder: string,
  options: { beforeUid?: number; limit: number },
): Promise<MessagePage> {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    const mailbox = client.mailbox;
    const exists = mailbox ? mailbox.exists : 0;
    const status = await client.status(folder, { unseen: true });
    let upper = exists;
    if (options.beforeUid !== undefined) {
      if (options.beforeUid <= 1) upper = 0;
      else {
        const counted = await client.search(
          { uid: `1:${options.beforeUid - 1}` },
          { uid: true, returnOptions: ["COUNT"] },
        );
        upper = Array.isArray(counted) ? counted.length : counted ? (counted.count ?? 0) : 0;
      }
    }
    let messages: MessageSummary[] = [];
    if (upper > 0) {
      const lower = Math.max(1, upper - options.limit + 1);
      messages = await fetchSummaries(client, folder, `${lower}:${upper}`, false);
      const before = options.beforeUid;
      if (before !== undefined) messages = messages.filter((message) => message.uid < before);
      messages.sort((a, b) => b.uid - a.uid);
    }
    const oldest = messages.at(-1);
    const reachedStart = upper - options.limit < 1;
    return {
      folder,
      total: exists,
      unread: (status && status.unseen) || 0,
      messages,
      nextCursor: oldest && !reachedStart ? String(oldest.uid) : null,
    };
  } finally {
    lock.release();
  }
}
