/**
 * The zod shapes of everything the mail routes accept. Folder names, uids and part numbers end up
 * inside IMAP commands and header-bound fields inside SMTP/MIME headers: CR, LF and NUL are
 * refused everywhere (header injection), lengths are bounded, uids are IMAP's positive 32-bit.
 */
import { z } from "zod";

/** No control characters at all (CR/LF/NUL included) in anything that reaches a protocol line. */
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

export const ZFolder = z
  .string()
  .min(1, "folder is required")
  .max(512, "folder is too long")
  .regex(NO_CONTROL, "folder may not contain control characters (CR, LF, NUL…)");

export const ZUid = z.coerce
  .number({ error: "uid must be a number" })
  .int("uid must be an integer")
  .min(1, "uid must be positive")
  .max(4_294_967_295, "uid is out of range");

export const ZPart = z
  .string()
  .max(64, "part is too long")
  .regex(/^[1-9]\d*(\.[1-9]\d*)*$/, "part must look like 2 or 1.2");

export const ZMessageRef = z.object({ folder: ZFolder, uid: ZUid });

const ZFlag = z.enum(["seen", "flagged", "answered", "draft", "forwarded"]);

export const ZListQuery = z.object({
  folder: ZFolder.default("INBOX"),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,9}$/, "cursor is invalid")
    .optional(),
  limit: z.coerce.number().int("limit must be an integer").min(1).max(200).default(50),
});

export const ZMessagesAction = z.object({
  folder: ZFolder,
  uids: z.array(ZUid).min(1, "uids may not be empty").max(500, "at most 500 uids at once"),
  action: z.discriminatedUnion("type", [
    z.object({ type: z.literal("flags"), add: z.array(ZFlag).optional(), remove: z.array(ZFlag).optional() }),
    z.object({ type: z.literal("move"), to: ZFolder }),
    z.object({ type: z.literal("trash") }),
    z.object({ type: z.literal("archive") }),
    z.object({ type: z.literal("junk") }),
  ]),
});

const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "dates are YYYY-MM-DD")
  .refine((value) => !Number.isNaN(Date.parse(value)), "not a real date");
const ZSearchTerm = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(NO_CONTROL, "search terms may not contain control characters");

export const ZSearchQuery = z
  .object({
    folder: ZFolder.default("INBOX"),
    from: ZSearchTerm.optional(),
    to: ZSearchTerm.optional(),
    subject: ZSearchTerm.optional(),
    text: ZSearchTerm.optional(),
    since: ZDay.optional(),
    before: ZDay.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .refine((query) => query.from || query.to || query.subject || query.text || query.since || query.before, {
    message: "give at least one of from, to, subject, text, since, before",
  });

/** A header-bound text: no CR/LF (header injection), bounded. */
function headerText(field: string, max: number) {
  return z
    .string()
    .max(max, `${field} is too long`)
    .regex(NO_CONTROL, `${field} may not contain line breaks or control characters`);
}

export const ZAddress = z.object({
  name: headerText("name", 200).default(""),
  address: z
    .email({ error: "not a valid e-mail address" })
    .max(320)
    .regex(NO_CONTROL, "address may not contain control characters"),
});

export const ZComposeAttachment = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("files"), path: z.string().min(1).max(4096) }),
  z.object({ kind: z.literal("message"), folder: ZFolder, uid: ZUid, part: ZPart }),
]);

export const ZCompose = z.object({
  mode: z.enum(["new", "reply", "reply-all", "forward"]).default("new"),
  original: ZMessageRef.optional(),
  to: z.array(ZAddress).max(500).default([]),
  cc: z.array(ZAddress).max(500).optional(),
  bcc: z.array(ZAddress).max(500).optional(),
  subject: headerText("subject", 998).default(""),
  html: z.string().max(5_000_000, "html is too long").optional(),
  text: z.string().max(5_000_000, "text is too long").optional(),
  attachments: z.array(ZComposeAttachment).max(50, "at most 50 attachments").optional(),
  draftUid: ZUid.optional(),
});

export type ComposeInput = z.output<typeof ZCompose>;
