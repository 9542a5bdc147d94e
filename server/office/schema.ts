/**
 * Tables of the office module's WOPI host (migration 0008_office, written by hand); re-exported
 * by server/db/schema.ts. Everything a WOPI call needs beyond the file itself lives here, not in a
 * process, so several portal processes behind a load balancer agree:
 *
 *   - wopi_access_tokens: one row per access token issued (by its `jti`): who, which file, which
 *     permission, from which session, until when, and whether it was revoked. The token itself is
 *     a signed JWT (server/office/wopi/access-token.ts); the row is what makes it revocable and
 *     ties it to the session whose credentials reach the storage (Nextcloud).
 *   - wopi_locks: the WOPI lock of a file (opaque id up to 1024 characters, compared byte-exactly,
 *     30-minute expiry). Every lock operation is one compare-and-set statement on this row.
 *   - wopi_user_info: the per-user string a client stores with PutUserInfo (≤ 1024 characters)
 *     and gets back in CheckFileInfo's UserInfo.
 *
 * File versions need no table: WOPI's Version is the storage's ETag, which both adapters change
 * on every content change and keep otherwise.
 */
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "../db/schema";

const at = (name: string) => timestamp(name, { withTimezone: true });

export const wopiAccessTokens = pgTable(
  "wopi_access_tokens",
  {
    jti: uuid("jti").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The session that opened the editor (hashed id, as sessions.id): the storage is used as it. */
    sessionId: text("session_id").notNull(),
    /** FileEntry.id of the storage (a UUID locally, Nextcloud's oc:fileid). */
    fileId: text("file_id").notNull(),
    permission: text("permission", { enum: ["view", "edit"] }).notNull(),
    expiresAt: at("expires_at").notNull(),
    revokedAt: at("revoked_at"),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("wopi_access_tokens_user_file_idx").on(t.userId, t.fileId),
    index("wopi_access_tokens_expires_idx").on(t.expiresAt),
  ],
);

export const wopiLocks = pgTable("wopi_locks", {
  fileId: text("file_id").primaryKey(),
  lockId: text("lock_id").notNull(),
  expiresAt: at("expires_at").notNull(),
  /** Who took or last refreshed it (for support; locks are shared by every co-editor). */
  lockedBy: uuid("locked_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

export const wopiUserInfo = pgTable("wopi_user_info", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  info: text("info").notNull(),
  updatedAt: at("updated_at").notNull().defaultNow(),
});
