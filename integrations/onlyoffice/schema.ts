/**
 * Tables of the OnlyOffice integration (migration 0010_onlyoffice, written by hand). Re-exported
 * by server/db/schema.ts.
 *
 * In the database, not in memory, so that every portal process behind the load balancer gives the
 * same key to people opening the same file (they must join one editing session) and so that a
 * callback repeated to another process is still recognised.
 */
import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The current Document Server key of each file opened in OnlyOffice, and the content version
 * (storage etag) it was made for. A status-2 save gives the file a new key; a force-save (status 6)
 * keeps the key and records the new etag; a file changed elsewhere (etag differs at the next
 * open) gets a new key.
 */
export const onlyofficeDocuments = pgTable("onlyoffice_documents", {
  /** The Files storage id (stable across renames): a UUID locally, Nextcloud's fileid. */
  fileId: text("file_id").primaryKey(),
  docKey: text("doc_key").notNull().unique(),
  etag: text("etag").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Callbacks already handled (or being handled), so that a repeated callback — the Document Server
 * retries when it did not get `{"error":0}` in time — saves once. `id` is a hash of key, status
 * and url.
 */
export const onlyofficeCallbacks = pgTable("onlyoffice_callbacks", {
  id: text("id").primaryKey(),
  fileId: text("file_id").notNull(),
  status: integer("status").notNull(),
  state: text("state", { enum: ["processing", "done"] }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
