/**
 * POST /api/mail/drafts/attachments?draftUid=&name= — a file from the user's computer added to
 * a draft. The raw body (Content-Type = the file's type) is read with a hard cap (the whole
 * message is capped: MAIL_MAX_MESSAGE_BYTES), then a NEW draft is appended holding the previous
 * draft's recipients, subject, body and attachments plus this file, and the previous draft is
 * deleted. The answer (DraftSaved) lists the parts, which the next save/send references as
 * { kind: "message", folder, uid, part }. Nothing is kept by the portal process between requests.
 * Without draftUid, a new draft holding only the file is created.
 */
import "server-only";
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { requireRequestUser } from "@/server/auth/request-user";
import { AppError } from "@/server/errors";
import { sendJson, type NodeRoute } from "@/server/http/node-routes";
import { MAIL_MAX_MESSAGE_BYTES } from "@/server/mail/compose/build-message";
import { draftsFolder } from "@/server/mail/compose/drafts";
import { saveDraft } from "@/server/mail/compose/send-message";
import { withMailbox } from "@/server/mail/mail-imap";
import { ZUid, type ComposeInput } from "@/server/mail/mail-input";
import { readMessage } from "@/integrations/imap/message-read";

const ZQuery = z.object({
  draftUid: ZUid.optional(),
  name: z
    .string()
    .min(1, "name is required")
    .max(255, "name is too long")
    .regex(/^[^\u0000-\u001f\u007f/\\]+$/, "name may not contain control characters or slashes"),
});

const ZContentType = z
  .string()
  .max(200)
  .regex(/^[\w.+-]+\/[\w.+-]+$/, "content-type must be a plain MIME type");

async function readCapped(req: IncomingMessage, cap: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (Number.isFinite(declared) && declared > cap) throw tooLarge();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > cap) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function tooLarge(): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", {
    userMessage: `an attachment may not exceed ${Math.round(MAIL_MAX_MESSAGE_BYTES / 1024 / 1024)} MB`,
  });
}

export const draftUploadRoute: NodeRoute = {
  prefix: "/api/mail/drafts/attachments",
  async handle(req, res, url) {
    if (req.method !== "POST") throw new AppError("METHOD_NOT_ALLOWED", { userMessage: "use POST" });
    const query = ZQuery.parse(Object.fromEntries(url.searchParams));
    const contentType = ZContentType.safeParse(
      (req.headers["content-type"] ?? "application/octet-stream").split(";")[0]?.trim(),
    );
    const user = await requireRequestUser(req);
    const body = await readCapped(req, MAIL_MAX_MESSAGE_BYTES);
    const draftUid = query.draftUid;
    const base: ComposeInput = draftUid
      ? await withMailbox(user, async (client) => {
          const folder = await draftsFolder(client);
          const previous = await readMessage(client, folder, draftUid);
          return {
            mode: "new",
            to: previous.summary.to,
            cc: previous.summary.cc,
            bcc: previous.bcc,
            subject: previous.summary.subject,
            ...(previous.html !== null ? { html: previous.html } : {}),
            text: previous.text,
            attachments: previous.attachments.map((attachment) => ({
              kind: "message" as const,
              folder,
              uid: draftUid,
              part: attachment.part,
            })),
            draftUid,
          };
        })
      : { mode: "new", to: [], subject: "" };
    const saved = await saveDraft(user, base, {
      extraAttachments: [
        {
          filename: query.name,
          contentType: contentType.success ? contentType.data : "application/octet-stream",
          content: body,
        },
      ],
    });
    sendJson(res, 200, saved);
  },
};
