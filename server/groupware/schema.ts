/**
 * Tables shared by mail, agenda and contacts (migration 0006_groupware).
 *
 *   - groupware_credentials: the user's own login and password for the groupware server (BlueMind
 *     or any IMAP/SMTP/CalDAV/CardDAV server), when it does not accept the portal's OIDC access
 *     token. One login serves every protocol, as it does on BlueMind. The password is sealed with
 *     the portal's secret box (AES-GCM, purpose-bound to the user) and never selected by lists.
 */
import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "../db/schema";

export const groupwareCredentials = pgTable("groupware_credentials", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** Login on the groupware server, usually the mail address. */
  login: text("login").notNull(),
  /** Sealed password (purpose `groupware_password:<userId>`). */
  passwordEnc: text("password_enc").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
