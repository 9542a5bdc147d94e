/**
 * GET /api/mail/attachment?folder=&uid=&part=&disposition=attachment|inline — one part of a
 * message, STREAMED from IMAP to the browser (imapflow's download fetches it in 64 KB partial
 * FETCHes, decoding base64/QP on the fly): a 40 MB attachment never sits in memory. The pooled
 * connection is held for the transfer (long deadline) and released when it ends or the browser
 * goes away. Inline only for types that cannot run (raster images, PDF, plain text).
 */
import "server-only";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { z } from "zod";
import { requireRequestUser } from "@/server/auth/request-user";
import { AppError } from "@/server/errors";
import type { NodeRoute } from "@/server/http/node-routes";
import { contentDisposition, essence, isInlineSafe } from "@/server/files/http/content-disposition";
import { withMailbox } from "@/server/mail/mail-imap";
import { ZFolder, ZPart, ZUid } from "@/server/mail/mail-input";

const ZQuery = z.object({
  folder: ZFolder,
  uid: ZUid,
  part: ZPart,
  disposition: z.enum(["attachment", "inline"]).default("attachment"),
});

/** Downloads may take long on a slow link; the deadline only bounds a stalled transfer. */
const TRANSFER_DEADLINE_MS = 30 * 60_000;

export function safeAttachmentName(name: string | undefined, part: string): string {
  const cleaned = (name ?? "")
    .replace(/[\u0000-\u001f\u007f/\\]/g, "_")
    .replace(/^\.+/, "")
    .trim()
    .slice(0, 200);
  return cleaned || `piece-jointe-${part}`;
}

export const attachmentRoute: NodeRoute = {
  prefix: "/api/mail/attachment",
  async handle(req, res, url) {
    if (req.method !== "GET" && req.method !== "HEAD")
      throw new AppError("METHOD_NOT_ALLOWED", { userMessage: "use GET" });
    const query = ZQuery.parse(Object.fromEntries(url.searchParams));
    const user = await requireRequestUser(req);
    const abort = new AbortController();
    res.once("close", () => abort.abort());
    await withMailbox(
      user,
      async (client) => {
        const lock = await client.getMailboxLock(query.folder, { readOnly: true });
        try {
          const { meta, content } = await client.download(String(query.uid), query.part, { uid: true });
          if (!content || !meta) throw new AppError("NOT_FOUND", { userMessage: "no such message or part" });
          const type = essence(meta.contentType || "application/octet-stream") || "application/octet-stream";
          const inline = query.disposition === "inline" && isInlineSafe(type);
          res.statusCode = 200;
          res.setHeader("content-type", inline || type !== "text/html" ? type : "application/octet-stream");
          res.setHeader(
            "content-disposition",
            contentDisposition(inline ? "inline" : "attachment", safeAttachmentName(meta.filename, query.part)),
          );
          res.setHeader("cache-control", "private, no-store");
          if (req.method === "HEAD") {
            (content as Readable).destroy();
            res.end();
            return;
          }
          await pipeline(content as Readable, res);
        } finally {
          lock.release();
        }
      },
      { signal: abort.signal, timeoutMs: TRANSFER_DEADLINE_MS },
    );
  },
};
