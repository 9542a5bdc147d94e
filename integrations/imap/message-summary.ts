/**
 * Turns what one IMAP FETCH returns (envelope, flags, bodystructure, size, References header and a
 * few hundred bytes of the first text part) into the wire `MessageSummary`. Kept apart from the
 * fetching so the mapping is tested without a server, and so the list, search and conversation
 * views share one definition of a summary.
 */
import type { FetchMessageObject, FetchQueryObject, MessageAddressObject, MessageStructureObject } from "imapflow";
import type { MailAddress, MessageFlag, MessageSummary } from "@/components/mail/api/types";

/** Bytes of the first text part fetched for the preview (BODY.PEEK[part]<0.N>). */
export const PREVIEW_BYTES = 640;

/** Bytes of BODY.PEEK[TEXT] fetched WITH the summary: enough for the MIME headers of the first parts and a preview. */
export const TEXT_HEAD_BYTES = 1536;

/** What every summary fetch asks for. */
export const SUMMARY_QUERY: FetchQueryObject = {
  uid: true,
  flags: true,
  envelope: true,
  bodyStructure: true,
  size: true,
  internalDate: true,
  headers: ["references"],
};

/** The summary plus the first bytes of the body, so most previews need no second FETCH. */
export const SUMMARY_WITH_TEXT_QUERY: FetchQueryObject = {
  ...SUMMARY_QUERY,
  bodyParts: [{ key: "TEXT", maxLength: TEXT_HEAD_BYTES }],
};

/**
 * The start of the preview part, found inside the first bytes of the body (BODY[TEXT]) by
 * walking the MIME boundaries the structure names; null when the part does not start within
 * those bytes (then the caller fetches the part itself).
 */
export function previewFromTextHead(
  head: Buffer | undefined,
  structure: MessageStructureObject | undefined,
): string | null {
  if (!head || !structure) return null;
  const target = previewPart(structure);
  if (!target) return "";
  if (!structure.childNodes) return previewText(head, target);
  let text = head.toString("latin1");
  let node: MessageStructureObject | undefined = structure;
  let boundary = "";
  for (const step of (target.part ?? "1").split(".")) {
    const index = Number(step);
    boundary = node?.parameters?.boundary ?? "";
    if (!node?.childNodes || !boundary) return null;
    let position = -1;
    for (let seen = 0; seen < index; seen += 1) {
      position = text.indexOf(`--${boundary}`, position + 1);
      if (position < 0) return null;
    }
    const headersEnd = text.indexOf("\r\n\r\n", position);
    if (headersEnd < 0) return null;
    text = text.slice(headersEnd + 4);
    node = node.childNodes[index - 1];
  }
  const end = text.indexOf(`\r\n--${boundary}`);
  return previewText(Buffer.from(end >= 0 ? text.slice(0, end) : text, "latin1"), target);
}

const FLAG_NAMES: Record<string, MessageFlag> = {
  "\\seen": "seen",
  "\\flagged": "flagged",
  "\\answered": "answered",
  "\\draft": "draft",
  $forwarded: "forwarded",
};

export function toAddresses(list: MessageAddressObject[] | undefined): MailAddress[] {
  return (list ?? [])
    .filter((entry) => entry.address)
    .map((entry) => ({ name: entry.name ?? "", address: entry.address ?? "" }));
}

export function toFlags(flags: Set<string> | undefined): MessageFlag[] {
  const out: MessageFlag[] = [];
  for (const flag of flags ?? []) {
    const name = FLAG_NAMES[flag.toLowerCase()];
    if (name) out.push(name);
  }
  return out;
}

/** Message ids (with <>) in a References / In-Reply-To header value. */
export function parseMessageIds(value: string | undefined | null): string[] {
  return value ? (value.match(/<[^<>\s]+>/g) ?? []) : [];
}

/** The References header's value out of a HEADER.FIELDS fetch (unfolded). */
export function referencesFromHeaders(headers: Buffer | undefined): string[] {
  if (!headers) return [];
  const text = headers.toString("latin1").replace(/\r?\n[ \t]+/g, " ");
  const match = /^references:(.*)$/im.exec(text);
  return parseMessageIds(match?.[1]);
}

/**
 * The conversation key: the first id of References (the thread's root) when present, else
 * In-Reply-To, else the message's own id, else its uid. Same rule on every server.
 */
export function threadKey(
  references: string[],
  inReplyTo: string | undefined,
  messageId: string | undefined,
  uid: number,
): string {
  return references[0] ?? parseMessageIds(inReplyTo)[0] ?? messageId ?? `uid:${uid}`;
}

function isAttachmentNode(node: MessageStructureObject): boolean {
  if (node.childNodes) return false;
  if (node.disposition?.toLowerCase() === "attachment") return true;
  const type = node.type.toLowerCase();
  if (type.startsWith("text/") || type === "message/delivery-status") return false;
  // Inline images referenced by the HTML are shown in the body, not listed as "has attachments".
  return !(node.disposition?.toLowerCase() === "inline" && node.id);
}

export function hasAttachments(structure: MessageStructureObject | undefined): boolean {
  if (!structure) return false;
  if (!structure.childNodes) return structure.disposition?.toLowerCase() === "attachment";
  const stack = [...structure.childNodes];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.childNodes) stack.push(...node.childNodes);
    else if (isAttachmentNode(node)) return true;
  }
  return false;
}

/** Quoted-printable to bytes (RFC 2045 §6.7); soft line breaks removed. */
function decodeQuotedPrintable(text: string): Buffer {
  const unfolded = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < unfolded.length; i += 1) {
    const hex = unfolded[i] === "=" ? unfolded.slice(i + 1, i + 3) : "";
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(unfolded.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

/** The first text/plain (else text/html) leaf that is not an attachment, for the preview. */
export function previewPart(structure: MessageStructureObject | undefined): MessageStructureObject | null {
  if (!structure) return null;
  const leaves: MessageStructureObject[] = [];
  const stack = [structure];
  for (let node = stack.shift(); node; node = stack.shift()) {
    if (node.childNodes) stack.unshift(...node.childNodes);
    else if (node.disposition?.toLowerCase() !== "attachment") leaves.push(node);
  }
  const plain = leaves.find((leaf) => leaf.type.toLowerCase() === "text/plain");
  const html = leaves.find((leaf) => leaf.type.toLowerCase() === "text/html");
  const chosen = plain ?? html ?? null;
  if (chosen && !chosen.part) return { ...chosen, part: "1" }; // a single-part message: its body is part 1
  return chosen;
}

function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset?.toLowerCase() || "utf-8", { fatal: false }).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

/** Decodes the first bytes of a part (cut anywhere) into a short one-line preview. */
export function previewText(raw: Buffer | undefined, part: MessageStructureObject | null): string {
  if (!raw || !part) return "";
  const encoding = (part.encoding ?? "7bit").toLowerCase();
  let bytes: Buffer;
  if (encoding === "base64") {
    const clean = raw.toString("latin1").replace(/[^A-Za-z0-9+/=]/g, "");
    bytes = Buffer.from(clean.slice(0, clean.length - (clean.length % 4)), "base64");
  } else if (encoding === "quoted-printable") {
    // A cut in the middle of "=XX" at the end is dropped rather than decoded wrongly.
    bytes = decodeQuotedPrintable(raw.toString("latin1").replace(/=[0-9A-Fa-f]?$/, ""));
  } else {
    bytes = raw;
  }
  let text = decodeCharset(bytes, part.parameters?.charset);
  if (part.type.toLowerCase() === "text/html") {
    text = text
      .replace(/<(style|script|head)[^>]*>[\s\S]*?(<\/\1>|$)/gi, " ")
      .replace(/<[^>]*>?/g, " ")
      .replace(/&nbsp;/gi, " ")
      .replace(/&amp;/gi, "&")
      .replace(/&lt;/gi, "<")
      .replace(/&gt;/gi, ">")
      .replace(/&#39;|&apos;/gi, "'")
      .replace(/&quot;/gi, '"');
  }
  return text
    .replace(/\uFFFD+$/, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
}

export function toSummary(folder: string, message: FetchMessageObject, preview: string): MessageSummary {
  const envelope = message.envelope;
  const references = referencesFromHeaders(message.headers);
  const date = envelope?.date
    ? new Date(envelope.date)
    : message.internalDate
      ? new Date(message.internalDate)
      : new Date(0);
  return {
    uid: message.uid,
    folder,
    threadId: threadKey(references, envelope?.inReplyTo, envelope?.messageId, message.uid),
    messageId: envelope?.messageId ?? null,
    from: toAddresses(envelope?.from),
    to: toAddresses(envelope?.to),
    cc: toAddresses(envelope?.cc),
    subject: envelope?.subject ?? "",
    date: Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString(),
    preview,
    flags: toFlags(message.flags),
    hasAttachments: hasAttachments(message.bodyStructure),
    size: message.size ?? 0,
  };
}
