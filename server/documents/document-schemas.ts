/**
 * What the document routes accept (zod), in one place so that each route file stays a few lines
 * and a bad input always gets a 400 naming the field (server/errors.ts).
 */
import "server-only";
import { z } from "zod";

export const ZDocumentId = z.uuid({ message: "must be a document id (UUID)" });

/** Titles are shown in lists and tabs: one line, trimmed, not empty. */
export const ZDocumentTitle = z
  .string()
  .trim()
  .min(1, { message: "must not be empty" })
  .max(200, { message: "must be at most 200 characters" })
  .refine((title) => !/[\u0000-\u001f\u007f]/.test(title), { message: "must not contain control characters" });

export const DOCUMENT_LIST_TABS = ["mine", "shared", "recent"] as const;
export type DocumentListTab = (typeof DOCUMENT_LIST_TABS)[number];

export const ZListDocumentsQuery = z.strictObject({
  tab: z.enum(DOCUMENT_LIST_TABS).default("mine"),
});

export const ZCreateDocumentBody = z.strictObject({
  title: ZDocumentTitle.optional(),
  templateId: z.string().max(64).optional(),
  /** Field values for a template, by field id; filled in as text. */
  fields: z.record(z.string().max(64), z.string().max(5000)).optional(),
});

export const ZRenameDocumentBody = z.strictObject({ title: ZDocumentTitle });

/** Roles that can be given to someone else (ownership is not transferable here). */
export const SHAREABLE_ROLES = ["reader", "commenter", "editor"] as const;
export type ShareableRole = (typeof SHAREABLE_ROLES)[number];

export const ZShareWithUserBody = z.strictObject({
  userId: z.uuid({ message: "must be a user id (UUID)" }),
  role: z.enum(SHAREABLE_ROLES),
});

export const ZChangeMemberBody = z.strictObject({ role: z.enum(SHAREABLE_ROLES) });

export const ZCreateLinkBody = z.strictObject({ role: z.enum(SHAREABLE_ROLES) });

export const ZAcceptLinkBody = z.strictObject({
  token: z.string().min(16, { message: "is not a share link token" }).max(256),
});

export const ZPeopleQuery = z.strictObject({
  q: z.string().trim().min(2, { message: "type at least 2 characters" }).max(100),
});
