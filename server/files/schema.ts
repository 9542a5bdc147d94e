/**
 * Tables of the Files module's local storage adapter (migration 0002_files, written by hand).
 *
 * The database holds the whole tree: every file and folder is a row of `file_nodes`, keyed by a
 * UUID that survives renames and moves. File content lives on disk as immutable blobs named by
 * UUID (FILES_ROOT/<user>/blobs/…): a write makes a new blob and points the node at it, a rename
 * or move is a row update, a version is an older blob kept in `file_versions`, a trashed item is
 * the same rows marked with their `file_trash` entry. So renames never lose versions or trash, and
 * a half-written blob is never reachable (it only becomes content inside the committing
 * transaction). Everything any portal process needs is here or on the shared disk: no in-process
 * state, so several processes behind a load balancer see the same files, uploads and links.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "../db/schema";

const at = (name: string) => timestamp(name, { withTimezone: true });

/** Files and folders. The root `/` is not a row: it is every user's implicit top folder. */
export const fileNodes = pgTable(
  "file_nodes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Normal form from parseUserPath: `/Reports/bilan.pdf`. */
    path: text("path").notNull(),
    /** Path of the containing folder (`/` for top-level entries): the listing key. */
    parentPath: text("parent_path").notNull(),
    name: text("name").notNull(),
    /** Lower-case, accent-free name (NFD, marks removed): search without unaccent/ICU, on PGlite too. */
    nameKey: text("name_key").notNull(),
    kind: text("kind", { enum: ["file", "folder"] }).notNull(),
    size: bigint("size", { mode: "number" }).notNull().default(0),
    /** Strong ETag value, quotes included; a new random value on every content change. */
    etag: text("etag").notNull(),
    contentType: text("content_type"),
    /** Current content (files only): the blob's UUID under the owner's blobs folder. */
    blobId: uuid("blob_id"),
    favourite: boolean("favourite").notNull().default(false),
    /** Set while the node (or a folder above it) is in the trash: the entry that holds it. */
    trashId: uuid("trash_id"),
    createdAt: at("created_at").notNull().defaultNow(),
    modifiedAt: at("modified_at").notNull().defaultNow(),
  },
  (t) => [
    /** One live node per path per user (trashed copies may share an old path). */
    uniqueIndex("file_nodes_owner_path_live_unique")
      .on(t.ownerId, t.path)
      .where(sql`${t.trashId} is null`),
    index("file_nodes_owner_parent_idx").on(t.ownerId, t.parentPath),
    index("file_nodes_owner_modified_idx").on(t.ownerId, t.modifiedAt),
    index("file_nodes_trash_idx").on(t.trashId),
  ],
);

/** Past contents of a file, newest first when listed; capped per file (see the local adapter). */
export const fileVersions = pgTable(
  "file_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    nodeId: uuid("node_id")
      .notNull()
      .references(() => fileNodes.id, { onDelete: "cascade" }),
    blobId: uuid("blob_id").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    etag: text("etag").notNull(),
    contentType: text("content_type"),
    /** When this content was written (it was current from then until it was replaced). */
    modifiedAt: at("modified_at").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("file_versions_node_idx").on(t.nodeId, t.modifiedAt)],
);

/** One deleted item (a file, or a folder with everything that was inside it). */
export const fileTrash = pgTable(
  "file_trash",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The node that was deleted (its descendants carry the same trash id). */
    nodeId: uuid("node_id").notNull(),
    originalPath: text("original_path").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["file", "folder"] }).notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    deletedAt: at("deleted_at").notNull().defaultNow(),
  },
  (t) => [index("file_trash_owner_idx").on(t.ownerId, t.deletedAt)],
);

/**
 * Public links. The token is looked up by its SHA-256 (`token_hash`) and kept sealed with the
 * portal's secret box (`token_enc`) so the owner can copy the link again; the password is a scrypt
 * hash. The link points at the node, so it follows renames and moves.
 */
export const fileShareLinks = pgTable(
  "file_share_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    nodeId: uuid("node_id")
      .notNull()
      .references(() => fileNodes.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    tokenEnc: text("token_enc").notNull(),
    access: text("access", { enum: ["read", "upload"] }).notNull(),
    /** `scrypt$N$r$p$salt$hash` (base64url), or null for no password. */
    passwordHash: text("password_hash"),
    /** Last day the link works (inclusive, Europe/Paris calendar). */
    expiresOn: date("expires_on", { mode: "string" }),
    createdAt: at("created_at").notNull().defaultNow(),
    revokedAt: at("revoked_at"),
  },
  (t) => [
    uniqueIndex("file_share_links_token_hash_unique").on(t.tokenHash),
    index("file_share_links_owner_idx").on(t.ownerId, t.nodeId),
  ],
);

/**
 * Resumable uploads. The bytes so far sit in FILES_ROOT/<user>/uploads/<id>.part; `received` is
 * the only truth about how many of them count. `appending_until` is a short lease taken by the
 * process writing a chunk, so two processes never write the same upload at once.
 */
export const fileUploads = pgTable(
  "file_uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    path: text("path").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    received: bigint("received", { mode: "number" }).notNull().default(0),
    overwrite: boolean("overwrite").notNull().default(false),
    ifMatch: text("if_match"),
    appendingUntil: at("appending_until"),
    /** Bumped by every accepted chunk; a lease is released only by the holder that took it. */
    chunks: integer("chunks").notNull().default(0),
    createdAt: at("created_at").notNull().defaultNow(),
    expiresAt: at("expires_at").notNull(),
  },
  (t) => [index("file_uploads_owner_idx").on(t.ownerId), index("file_uploads_expires_idx").on(t.expiresAt)],
);
