/**
 * What the compose window starts from, for each way of writing: a new message, a reply (to the
 * sender, or the Reply-To), a reply to all (minus oneself, no duplicates), a forward (the original's
 * attachments carried over as references to its parts). The quoted original is escaped text inside
 * a blockquote, so the original's markup never enters the editor.
 */
import type { ComposeAttachment, MailAddress, MessageDetail } from "../api/types";
import type { Recipient } from "./recipient-field";

export type ComposeMode = "new" | "reply" | "reply-all" | "forward";

/** An attachment of the message being written, as shown in the compose window. */
export type ComposeFile = ComposeAttachment & { name: string; size: number | null };

export interface ComposeStart {
  mode: ComposeMode;
  original?: { folder: string; uid: number };
  to: Recipient[];
  cc: Recipient[];
  bcc: Recipient[];
  subject: string;
  html: string;
  text: string;
  attachments: ComposeFile[];
  draftUid?: number;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function textToParagraphs(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join("");
}

function toRecipients(addresses: readonly MailAddress[]): Recipient[] {
  return addresses.map((address) => ({ name: address.name || undefined, address: address.address }));
}

function withPrefix(prefix: "Re" | "Fwd", subject: string): string {
  const pattern = prefix === "Re" ? /^\s*(re|ré|aw)\s*:/i : /^\s*(fwd?|tr)\s*:/i;
  return pattern.test(subject) ? subject : `${prefix}: ${subject}`;
}

function uniqueExcept(recipients: Recipient[], exclude: ReadonlySet<string>): Recipient[] {
  const seen = new Set(exclude);
  return recipients.filter((recipient) => {
    const key = recipient.address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function emptyCompose(): ComposeStart {
  return { mode: "new", to: [], cc: [], bcc: [], subject: "", html: "", text: "", attachments: [] };
}

export function startFrom(
  mode: Exclude<ComposeMode, "new">,
  original: MessageDetail,
  options: { self: string | null },
): ComposeStart {
  const self = new Set(options.self ? [options.self.toLowerCase()] : []);
  const base = { original: { folder: original.folder, uid: original.uid }, bcc: [], html: "", text: "" };
  if (mode === "forward") {
    return {
      ...base,
      mode,
      to: [],
      cc: [],
      subject: withPrefix("Fwd", original.subject),
      attachments: original.attachments
        .filter((attachment) => !attachment.inline)
        .map((attachment) => ({
          kind: "message" as const,
          folder: original.folder,
          uid: original.uid,
          part: attachment.part,
          name: attachment.filename,
          size: attachment.size,
        })),
    };
  }
  const replyTo = original.replyTo.length > 0 ? original.replyTo : original.from;
  const to = uniqueExcept(toRecipients(replyTo), mode === "reply" ? new Set() : self);
  const cc =
    mode === "reply-all"
      ? uniqueExcept(
          [...toRecipients(original.to), ...toRecipients(original.cc)],
          new Set([...self, ...to.map((recipient) => recipient.address.toLowerCase())]),
        )
      : [];
  return { ...base, mode, to, cc, subject: withPrefix("Re", original.subject), attachments: [] };
}

/** A saved draft reopened: its recipients, subject, body and attachments (parts of the draft). */
export function startFromDraft(draft: MessageDetail): ComposeStart {
  return {
    mode: "new",
    to: toRecipients(draft.to),
    cc: toRecipients(draft.cc),
    bcc: toRecipients(draft.bcc),
    subject: draft.subject,
    html: draft.html ?? textToParagraphs(draft.text),
    text: draft.text,
    attachments: draft.attachments.map((attachment) => ({
      kind: "message" as const,
      folder: draft.folder,
      uid: draft.uid,
      part: attachment.part,
      name: attachment.filename,
      size: attachment.size,
    })),
    draftUid: draft.uid,
  };
}
