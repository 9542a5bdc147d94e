/**
 * GET /api/mail/message/html?folder=&uid=&images=allow — the sanitised body as a standalone
 * document for the reading pane's `<iframe sandbox>`, with its own CSP (mail-html-document.ts).
 * Served before Next so this route alone sets its CSP and `X-Frame-Options: SAMEORIGIN` (the
 * rest of the portal refuses to be framed). Inline cid: images are embedded as data: URLs.
 */
import "server-only";
import { z } from "zod";
import { requireRequestUser } from "@/server/auth/request-user";
import { AppError } from "@/server/errors";
import type { NodeRoute } from "@/server/http/node-routes";
import { withMailbox } from "@/server/mail/mail-imap";
import { ZFolder, ZUid } from "@/server/mail/mail-input";
import { INLINE_IMAGE_MAX, mailDocumentCsp, mailHtmlDocument } from "@/server/mail/mail-html-document";
import { cidResolver } from "@/server/mail/message-detail";
import { readMessage } from "@/integrations/imap/message-read";
import { sanitizeMailHtml, textToHtml } from "@/server/mail/sanitize/sanitize-mail-html";

const ZQuery = z.object({
  folder: ZFolder,
  uid: ZUid,
  images: z.enum(["allow", "block"]).default("block"),
  lang: z.enum(["fr", "en"]).default("fr"),
});

const RASTER = /^image\/(png|gif|jpeg|webp)$/;

export const htmlDocumentRoute: NodeRoute = {
  prefix: "/api/mail/message/html",
  async handle(req, res, url) {
    if (req.method !== "GET") throw new AppError("METHOD_NOT_ALLOWED", { userMessage: "use GET" });
    const query = ZQuery.parse(Object.fromEntries(url.searchParams));
    const user = await requireRequestUser(req);
    const allowRemoteImages = query.images === "allow";
    const body = await withMailbox(user, async (client) => {
      const raw = await readMessage(client, query.folder, query.uid);
      if (raw.html === null) return textToHtml(raw.text);
      // Embed the small raster inline parts the HTML references, while the connection is ours.
      const embedded = new Map<string, string>();
      const lock = await client.getMailboxLock(query.folder, { readOnly: true });
      try {
        for (const attachment of raw.attachments) {
          if (!attachment.contentId || !RASTER.test(attachment.contentType)) continue;
          if (attachment.size > INLINE_IMAGE_MAX * 1.4 || !raw.html.includes(attachment.contentId)) continue;
          const { content } = await client.download(String(query.uid), attachment.part, {
            uid: true,
            maxBytes: INLINE_IMAGE_MAX,
          });
          if (!content) continue;
          const chunks: Buffer[] = [];
          for await (const chunk of content as AsyncIterable<Buffer>) chunks.push(chunk);
          embedded.set(
            attachment.part,
            `data:${attachment.contentType};base64,${Buffer.concat(chunks).toString("base64")}`,
          );
        }
      } finally {
        lock.release();
      }
      return sanitizeMailHtml(raw.html, {
        allowRemoteImages,
        resolveCid: cidResolver(raw.attachments, (attachment) => embedded.get(attachment.part) ?? null),
      }).html;
    });
    const document = mailHtmlDocument(body, query.lang);
    res.statusCode = 200;
    res.setHeader("content-type", "text/html; charset=utf-8");
    res.setHeader("content-security-policy", mailDocumentCsp(allowRemoteImages));
    res.setHeader("x-frame-options", "SAMEORIGIN");
    res.setHeader("x-content-type-options", "nosniff");
    res.setHeader("referrer-policy", "no-referrer");
    res.setHeader("cache-control", "private, no-store");
    res.setHeader("content-length", Buffer.byteLength(document));
    res.end(document);
  },
};
