/**
 * Tables of the portal's own documents (tiptap + Yjs). The core — a document, who may open it and
 * in which role, link shares — is read by the collaboration server to authorise every connection,
 * and by the document list. The collaboration state itself (updates, compacted snapshots,
 * versions) is stored beside it by the collaboration server (server/collab/).
 *
 * Roles, from least to most: reader < commenter < editor < owner. A reader's and a commenter's
 * document updates are refused by the server (a commenter writes comments only).
 */
import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "../db/schema";

export const DOCUMENT_ROLES = ["reader", "commenter", "editor", "owner"] as const;
export type DocumentRole = (typeof DOCUMENT_ROLES)[number];

export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    /** Template it was created from (id of a template shipped with the portal), if any. */
    templateId: text("template_id"),
    /** Size of the stored Yjs state in bytes, kept by the collaboration server (limits, lists). */
    sizeBytes: integer("size_bytes").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Last change to the content or the title. */
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    lastEditedBy: uuid("last_edited_by").references(() => users.id, { onDelete: "set null" }),
    /** Deleted documents are hidden at once and purged later (undo, audit). */
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    index("documents_owner_idx").on(t.ownerId),
    index("documents_updated_idx")
      .on(t.updatedAt)
      .where(sql`${t.deletedAt} is null`),
  ],
);

/** People a document is shared with (the owner has a row too, role `owner`). */
export const documentMembers = pgTable(
  "document_members",
  {
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: DOCUMENT_ROLES }).notNull(),
    addedBy: uuid("added_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Last time this member opened the document ("recent"). */
    lastOpenedAt: timestamp("last_opened_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.userId] }), index("document_members_user_idx").on(t.userId)],
);

/**
 * Share links: anyone signed in to the portal who holds the link gets `role` (never owner).
 * Only the SHA-256 of the token is stored.
 */
export const documentLinks = pgTable(
  "document_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    role: text("role", { enum: ["reader", "commenter", "editor"] }).notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("document_links_document_idx").on(t.documentId)],
);
