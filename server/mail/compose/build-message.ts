/**
 * Builds the RFC 5322 message of a draft or a send: HTML (the editor's, sanitised AGAIN here: the
 * browser is not trusted) + its text alternative, threading headers for replies, the quoted
 * original, and attachments read from Files or from existing messages' parts.
 *
 * The built message is held in memory once (IMAP APPEND needs its exact length up front), so the
 * whole message is capped at MAIL_MAX_MESSAGE_BYTES (sizes checked BEFORE reading anything);
 * attachments themselves are streamed into the builder. The same bytes go to Drafts, to SMTP
 * (with the Bcc header removed) and to Sent.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { ImapFlow } from "imapflow";
import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";
import type { MailAddress } from "@/components/mail/api/types";
import type { PortalUser } from "@/server/auth/portal-user";
import { AppError } from "@/server/errors";
import { getFileStorage } from "@/server/files/get-file-storage";
import { parseUserPath } from "@/server/files/paths";
import type { UserPath } from "@/server/files/storage";
import type { ComposeInput } from "@/server/mail/mail-input";
import { sanitizeMailHtml } from "@/server/mail/sanitize/sanitize-mail-html";
import { htmlToText } from "@/server/mail/message-detail";
import { readMessage, type RawMessage } from "@/integrations/imap/message-read";
import { splitBodyParts } from "@/integrations/imap/message-parts";
import { prefixedSubject, threadingHeaders } from "./reply-headers";

export const MAIL_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export interface BuiltMessage {
  raw: Buffer;
  messageId: string;
  envelope: { from: string; to: string[] };
}

function formatAddress(entry: MailAddress): Mail.Address {
  return { name: entry.name, address: entry.address };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function addressLine(list: MailAddress[]): string {
  return list.map((entry) => (entry.name ? `${entry.name} <${entry.address}>` : entry.address)).join(", ");
}

/** The quoted original below the user's text (reply: blockquote; forward: a header block). */
function quoteOriginal(mode: ComposeInput["mode"], original: RawMessage): { html: string; text: string } {
  const date = new Date(original.summary.date).toUTCString();
  const from = addressLine(original.summary.from);
  const body = original.html
    ? sanitizeMailHtml(original.html, { allowRemoteImages: true }).html.replace(/<img(?![^>]*\ssrc=)[^>]*>/g, "")
    : `<pre style="white-space:pre-wrap">${escapeHtml(original.text)}</pre>`;
  const text = original.text || htmlToText(body);
  if (mode === "forward") {
    const header = `---------- Message transféré ----------\nDe : ${from}\nDate : ${date}\nObjet : ${original.summary.subject}\nÀ : ${addressLine(original.summary.to)}\n`;
    return {
      html: `<br><div>${escapeHtml(header).replace(/\n/g, "<br>")}</div><br>${body}`,
      text: `\n\n${header}\n${text}`,
    };
  }
  const intro = `Le ${date}, ${from} a écrit :`;
  return {
    html: `<br><div>${escapeHtml(intro)}</div><blockquote type="cite" style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${body}</blockquote>`,
    text: `\n\n${intro}\n${text
      .split("\n")
      .map((line) => `> ${line}`)
      .join("\n")}`,
  };
}

export async function loadOriginal(client: ImapFlow, input: ComposeInput): Promise<RawMessage | null> {
  if (!input.original || input.mode === "new") return null;
  return readMessage(client, input.original.folder, input.original.uid);
}

type AttachmentSource =
  | { kind: "files"; path: UserPath; filename: string; contentType: string; size: number }
  | { kind: "ready"; attachment: Mail.Attachment; size: number };

/** Attachment sources with their size, checked against the cap before any file byte is read. */
async function attachmentSources(
  client: ImapFlow,
  user: PortalUser,
  input: ComposeInput,
  signal: AbortSignal | undefined,
): Promise<AttachmentSource[]> {
  const out: AttachmentSource[] = [];
  for (const attachment of input.attachments ?? []) {
    if (attachment.kind === "files") {
      const path = parseUserPath(attachment.path);
      const entry = await getFileStorage().stat({ user, signal }, path);
      if (entry.kind !== "file")
        throw new AppError("BAD_REQUEST", { userMessage: "attachments: only files can be attached" });
      out.push({
        kind: "files",
        path,
        filename: entry.name,
        contentType: entry.contentType ?? "application/octet-stream",
        size: entry.size,
      });
    } else {
      const lock = await client.getMailboxLock(attachment.folder, { readOnly: true });
      try {
        const message = await client.fetchOne(
          String(attachment.uid),
          { uid: true, bodyStructure: true },
          { uid: true },
        );
        if (!message) throw new AppError("NOT_FOUND", { userMessage: "attachments: the message no longer exists" });
        const part = splitBodyParts(message.bodyStructure).attachments.find(
          (candidate) => candidate.part === attachment.part,
        );
        if (!part) throw new AppError("NOT_FOUND", { userMessage: "attachments: no such part in that message" });
        if (part.size > MAIL_MAX_MESSAGE_BYTES * 1.4) throw tooLarge();
        const { content } = await client.download(String(attachment.uid), attachment.part, {
          uid: true,
          maxBytes: MAIL_MAX_MESSAGE_BYTES + 1,
        });
        if (!content) throw new AppError("NOT_FOUND", { userMessage: "attachments: the part could not be read" });
        const chunks: Buffer[] = [];
        let total = 0;
        for await (const chunk of content as AsyncIterable<Buffer>) {
          total += chunk.length;
          if (total > MAIL_MAX_MESSAGE_BYTES) throw tooLarge();
          chunks.push(chunk);
        }
        out.push({
          kind: "ready",
          size: total,
          attachment: {
            filename: part.filename,
            contentType: part.contentType,
            content: Buffer.concat(chunks),
            ...(part.contentId ? { cid: part.contentId } : {}),
          },
        });
      } finally {
        lock.release();
      }
    }
    if (out.reduce((sum, entry) => sum + entry.size, 0) > MAIL_MAX_MESSAGE_BYTES) throw tooLarge();
  }
  return out;
}

function tooLarge(): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", {
    userMessage: `the message may not exceed ${Math.round(MAIL_MAX_MESSAGE_BYTES / 1024 / 1024)} MB with its attachments`,
  });
}

export async function buildMessage(
  client: ImapFlow,
  user: PortalUser,
  sender: { address: string; name: string },
  input: ComposeInput,
  options: { signal?: AbortSignal; extraAttachments?: Mail.Attachment[] } = {},
): Promise<BuiltMessage> {
  const original = await loadOriginal(client, input);
  const sources = await attachmentSources(client, user, input, options.signal);
  const storage = getFileStorage();
  const attachments: Mail.Attachment[] = [];
  for (const source of sources) {
    if (source.kind === "files") {
      // A stream: the builder reads it when it reaches this part.
      const { body } = await storage.read({ user, signal: options.signal }, source.path);
      attachments.push({ filename: source.filename, contentType: source.contentType, content: body as Readable });
    } else attachments.push(source.attachment);
  }
  attachments.push(...(options.extraAttachments ?? []));

  const ownHtml = input.html !== undefined ? sanitizeMailHtml(input.html, { allowRemoteImages: true }).html : null;
  const ownText = input.text ?? (ownHtml !== null ? htmlToText(ownHtml) : "");
  const quoted = original ? quoteOriginal(input.mode, original) : null;
  const html =
    ownHtml !== null || quoted
      ? `${ownHtml ?? escapeHtml(ownText).replace(/\n/g, "<br>")}${quoted?.html ?? ""}`
      : undefined;
  const text = `${ownText}${quoted?.text ?? ""}`;
  const domain = sender.address.split("@")[1] ?? "portal.invalid";
  const messageId = `<${randomUUID()}@${domain}>`;
  const threading = original
    ? threadingHeaders({ messageId: original.summary.messageId, references: original.references })
    : {};

  const mail: Mail.Options = {
    from: { name: sender.name, address: sender.address },
    to: input.to.map(formatAddress),
    cc: (input.cc ?? []).map(formatAddress),
    bcc: (input.bcc ?? []).map(formatAddress),
    subject: prefixedSubject(input.mode, input.subject),
    messageId,
    date: new Date(),
    text,
    ...(html !== undefined ? { html } : {}),
    attachments,
    ...(threading.inReplyTo && input.mode !== "forward"
      ? { inReplyTo: threading.inReplyTo, references: threading.references }
      : {}),
    headers: { "X-Mailer": "Portail hospitalier" },
  };
  const node = new MailComposer(mail).compile();
  node.keepBcc = true;
  const raw = await new Promise<Buffer>((resolve, reject) =>
    node.build((error, message) => (error ? reject(error) : resolve(message))),
  );
  if (raw.length > MAIL_MAX_MESSAGE_BYTES) throw tooLarge();
  const envelopeTo = [...input.to, ...(input.cc ?? []), ...(input.bcc ?? [])].map((entry) => entry.address);
  return { raw, messageId, envelope: { from: sender.address, to: [...new Set(envelopeTo)] } };
}

/** The message without its Bcc header (what goes over SMTP; Drafts and Sent keep it). */
export function withoutBcc(raw: Buffer): Buffer {
  const text = raw.toString("latin1");
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) return raw;
  const head = text.slice(0, end + 2).replace(/^Bcc:.*\r\n(?:[ \t].*\r\n)*/im, "");
  return Buffer.concat([Buffer.from(head, "latin1"), raw.subarray(end + 2)]);
}
