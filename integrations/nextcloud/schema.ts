/**
 * Tables of the Nextcloud adapter (migration 0005_nextcloud):
 *
 *   - nextcloud_credentials: per-user app passwords obtained by Login Flow v2
 *     (NEXTCLOUD_AUTH=app-password), sealed with the portal's secret box (AES-GCM, purpose-bound);
 *   - nextcloud_login_flows: a Login Flow v2 in progress (the poll token, sealed), so any portal
 *     process can answer the browser's next poll;
 *   - nextcloud_uploads: resumable chunked uploads (Nextcloud chunking v2). The row says who
 *     uploads what where; which chunks arrived is always re-read from Nextcloud's upload folder,
 *     so a restarted or different portal process resumes exactly where Nextcloud is.
 */
import { bigint, boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "../../server/db/schema";

export const nextcloudCredentials = pgTable("nextcloud_credentials", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** Login name Nextcloud returned (Basic auth user). */
  loginName: text("login_name").notNull(),
  /** Sealed app password (purpose `nextcloud_app_password:<userId>`). */
  appPasswordEnc: text("app_password_enc").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const nextcloudLoginFlows = pgTable("nextcloud_login_flows", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** Sealed poll token (purpose `nextcloud_poll_token:<userId>`). */
  pollTokenEnc: text("poll_token_enc").notNull(),
  pollEndpoint: text("poll_endpoint").notNull(),
  loginUrl: text("login_url").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const nextcloudUploads = pgTable(
  "nextcloud_uploads",
  {
    /** The portal's upload id (random, URL-safe); also the name of Nextcloud's upload folder. */
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Nextcloud user id the upload folder belongs to (`/remote.php/dav/uploads/{uid}/{id}`). */
    uid: text("uid").notNull(),
    /** Target path below the user's root. */
    path: text("path").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    overwrite: boolean("overwrite").notNull().default(false),
    ifMatch: text("if_match"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("nextcloud_uploads_user_idx").on(t.userId)],
);
