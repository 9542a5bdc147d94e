/**
 * Reading a message part by part from its BODYSTRUCTURE, instead of downloading and parsing the
 * whole source: the text and HTML bodies are fetched (decoded to UTF-8 by imapflow, capped), the
 * attachments only listed with their IMAP part numbers — their bytes are fetched on demand by the
 * download route, streamed. A 40 MB message with one attachment costs a few KB to open.
 */
import type { ImapFlow, MessageStructureObject } from "imapflow";
import type { AttachmentInfo } from "@/components/mail/api/types";

/** Bodies above this are cut (and the detail says `truncated`). */
export const BODY_CAP_BYTES = 2 * 1024 * 1024;

export interface BodyParts {
  text: MessageStructureObject | null;
  html: MessageStructureObject | null;
  attachments: AttachmentInfo[];
}

function decodedFilename(node: MessageStructureObject): string | null {
  return node.dispositionParameters?.filename ?? node.parameters?.name ?? null;
}

/** Walks the structure: the first text/plain and text/html bodies, and every other leaf as an attachment. */
export function splitBodyParts(structure: MessageStructureObject | undefined): BodyParts {
  const result: BodyParts = { text: null, html: null, attachments: [] };
  if (!structure) return result;
  const visit = (node: MessageStructureObject, inAlternativeOrRoot: boolean) => {
    const type = node.type.toLowerCase();
    if (node.childNodes) {
      for (const child of node.childNodes)
        visit(child, type === "multipart/alternative" || type === "multipart/related" || inAlternativeOrRoot);
      return;
    }
    const part = node.part ?? "1";
    const disposition = node.disposition?.toLowerCase();
    const isBody = disposition !== "attachment" && !decodedFilename(node);
    if (isBody && type === "text/plain" && !result.text) {
      result.text = { ...node, part };
      return;
    }
    if (isBody && type === "text/html" && !result.html) {
      result.html = { ...node, part };
      return;
    }
    const contentId = node.id ? node.id.replace(/^<|>$/g, "") : null;
    result.attachments.push({
      part,
      filename: decodedFilename(node) ?? (type === "message/rfc822" ? "message.eml" : `part-${part}`),
      contentType: type,
      size: node.size ?? 0,
      inline: disposition !== "attachment" && Boolean(contentId) && type.startsWith("image/"),
      contentId,
    });
  };
  visit(structure, true);
  return result;
}

/** Reads one part as UTF-8 text, up to the cap; `truncated` when cut. Needs the mailbox selected. */
export async function readTextPart(
  client: ImapFlow,
  uid: number,
  part: string,
): Promise<{ text: string; truncated: boolean }> {
  const { content } = await client.download(String(uid), part, { uid: true, maxBytes: BODY_CAP_BYTES + 1 });
  if (!content) return { text: "", truncated: false };
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of content as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    total += chunk.length;
  }
  const all = Buffer.concat(chunks);
  const truncated = total > BODY_CAP_BYTES;
  return { text: (truncated ? all.subarray(0, BODY_CAP_BYTES) : all).toString("utf8"), truncated };
}
