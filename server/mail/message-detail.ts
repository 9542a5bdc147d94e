/**
 * The reading view's data: the raw message from IMAP, its HTML sanitised (remote images blocked
 * unless allowed), cid: images pointed at the message's own parts, the text (or text derived
 * from the HTML when the message has none).
 */
import "server-only";
import type { ImapFlow } from "imapflow";
import type { AttachmentInfo, MessageDetail } from "@/components/mail/api/types";
import { readMessage } from "@/integrations/imap/message-read";
import { sanitizeMailHtml } from "./sanitize/sanitize-mail-html";

export function attachmentUrl(folder: string, uid: number, part: string, disposition: "inline" | "attachment"): string {
  const query = new URLSearchParams({ folder, uid: String(uid), part, disposition });
  return `/api/mail/attachment?${query.toString()}`;
}

/** A cid resolver over the message's parts (cid compared without <>, case-sensitively as RFC 2392 says). */
export function cidResolver(
  attachments: readonly AttachmentInfo[],
  toUrl: (attachment: AttachmentInfo) => string | null,
): (contentId: string) => string | null {
  return (contentId) => {
    const decoded = (() => {
      try {
        return decodeURIComponent(contentId);
      } catch {
        return contentId;
      }
    })();
    const match = attachments.find(
      (attachment) => attachment.contentId === decoded || attachment.contentId === contentId,
    );
    return match ? toUrl(match) : null;
  };
}

export function htmlToText(html: string): string {
  return html
    .replace(/<(style|script|head)[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export async function loadMessageDetail(
  client: ImapFlow,
  folder: string,
  uid: number,
  options: { allowRemoteImages: boolean },
): Promise<MessageDetail> {
  const raw = await readMessage(client, folder, uid);
  const sanitized =
    raw.html !== null
      ? sanitizeMailHtml(raw.html, {
          allowRemoteImages: options.allowRemoteImages,
          resolveCid: cidResolver(raw.attachments, (attachment) =>
            attachmentUrl(folder, uid, attachment.part, "inline"),
          ),
        })
      : null;
  return {
    ...raw.summary,
    replyTo: raw.replyTo,
    bcc: raw.bcc,
    inReplyTo: raw.inReplyTo,
    references: raw.references,
    html: sanitized?.html ?? null,
    text: raw.text || (sanitized ? htmlToText(sanitized.html) : ""),
    remoteImagesBlocked: sanitized?.remoteImagesBlocked ?? false,
    attachments: raw.attachments,
    conversation: raw.conversation,
    truncated: raw.truncated,
  };
}
