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
import {
  bigint,
  bigserial,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
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

// --- Collaboration state (server/collab/) -------------------------------------------------------
// A document's live content is a Yjs document; its comments are a second Yjs document. Each is a
// `part` of the document, stored as a compacted snapshot plus the updates appended since. Updates
// are appended as they arrive, before the server acknowledges them, so a crash loses nothing that
// was acknowledged; compaction folds them into the snapshot under a per-part lock.

export const DOCUMENT_PARTS = ["content", "comments"] as const;
export type DocumentPart = (typeof DOCUMENT_PARTS)[number];

/** Binary Yjs state. node-postgres returns a Buffer and PGlite a Uint8Array: both are Uint8Arrays. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

/** Yjs updates not yet folded into the snapshot, in arrival order. */
export const documentUpdates = pgTable(
  "document_updates",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    part: text("part", { enum: DOCUMENT_PARTS }).notNull(),
    update: bytea("update").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("document_updates_part_idx").on(t.documentId, t.part, t.seq)],
);

/** The compacted state of one part: every update folded in so far, as one Yjs update. */
export const documentSnapshots = pgTable(
  "document_snapshots",
  {
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    part: text("part", { enum: DOCUMENT_PARTS }).notNull(),
    state: bytea("state").notNull(),
    /** Number of compactions so far (diagnostics). */
    revision: bigint("revision", { mode: "number" }).notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.part] })],
);

/**
 * Past states of the content kept for history: automatic ones (at most one per interval of editing,
 * and when the last participant leaves) and named ones. Restoring one is a new change.
 */
export const documentVersions = pgTable(
  "document_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["auto", "named", "before-restore"] }).notNull(),
    /** Given by the person for a named version; null for automatic ones. */
    name: text("name"),
    state: bytea("state").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("document_versions_document_idx").on(t.documentId, t.createdAt)],
);

// --- Editor (server/documents/images/, D2) -------------------------------------------------------
// Images placed in a document. Stored in the database (size-limited, see DOCUMENTS_IMAGE_MAX_BYTES)
// so every portal process serves them with no shared disk; readers of the document may read them.

export const DOCUMENT_IMAGE_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
export type DocumentImageType = (typeof DOCUMENT_IMAGE_TYPES)[number];

export const documentImages = pgTable(
  "document_images",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    /** Sniffed from the bytes, never taken from the upload's headers. */
    contentType: text("content_type", { enum: DOCUMENT_IMAGE_TYPES }).notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    /** SHA-256 of the bytes (hex): the ETag. */
    sha256: text("sha256").notNull(),
    data: bytea("data").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("document_images_document_idx").on(t.documentId)],
);
