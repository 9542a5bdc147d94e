/**
 * The portal's one database schema (PostgreSQL dialect; the embedded engine is PostgreSQL too).
 * Migrations under server/db/migrations are generated from this file with `npm run db:generate`
 * and applied at start. Columns holding secrets (provider tokens) are encrypted by server/crypto
 * before they reach this layer and are never selected by list queries.
 */
import { sql } from "drizzle-orm";
import { bigserial, boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** A person. One per human, whatever the number of identity providers they sign in with. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    displayName: text("display_name").notNull(),
    email: text("email"),
    emailVerified: boolean("email_verified").notNull().default(false),
    /** RPPS number (11 digits): the stable national key for health professionals. */
    rpps: text("rpps"),
    profession: text("profession"),
    locale: text("locale"),
    isAdmin: boolean("is_admin").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_rpps_unique")
      .on(t.rpps)
      .where(sql`${t.rpps} is not null`),
    index("users_email_idx").on(sql`lower(${t.email})`),
  ],
);

/** One (provider, subject) pair linked to a user. The subject never changes for a provider account. */
export const identities = pgTable(
  "identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    subject: text("subject").notNull(),
    email: text("email"),
    rpps: text("rpps"),
    createdAt: createdAt(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("identities_provider_subject_unique").on(t.provider, t.subject),
    index("identities_user_idx").on(t.userId),
  ],
);

/**
 * A sign-in that matched an existing user on RPPS or verified email. It becomes an identity only
 * after the person confirms by signing in with an identity the user already has.
 */
export const pendingLinks = pgTable("pending_links", {
  id: text("id").primaryKey(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  provider: text("provider").notNull(),
  subject: text("subject").notNull(),
  matchedOn: text("matched_on", { enum: ["rpps", "email"] }).notNull(),
  profile: jsonb("profile").notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/**
 * Server-side sessions. The browser's cookie names only `id`'s secret half; rows are revocable,
 * and carry idle and absolute expiry. Provider tokens are stored encrypted.
 */
export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the session secret held in the cookie, so a database read does not yield live sessions. */
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    /** The provider's session id (`sid` claim), matched by back-channel logout. */
    providerSid: text("provider_sid"),
    providerSubject: text("provider_subject").notNull(),
    /** How the person authenticated: `pwd`, `mfa`, `otp`, `hwk`, `eidas1`… from amr/acr. */
    authMethods: jsonb("auth_methods").$type<string[]>().notNull().default([]),
    acr: text("acr"),
    idTokenEnc: text("id_token_enc"),
    accessTokenEnc: text("access_token_enc"),
    refreshTokenEnc: text("refresh_token_enc"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    userAgent: text("user_agent"),
    ip: text("ip"),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedReason: text("revoked_reason"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_provider_sid_idx").on(t.provider, t.providerSid)],
);

/**
 * Append-only, hash-chained security log. Each row's `hash` covers its content and the previous
 * row's hash; a trigger (see the migration) refuses UPDATE and DELETE.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true, mode: "string" }).notNull(),
    action: text("action").notNull(),
    actorUserId: uuid("actor_user_id"),
    targetType: text("target_type"),
    targetId: text("target_id"),
    outcome: text("outcome", { enum: ["success", "failure"] }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    details: jsonb("details").$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_log_actor_idx").on(t.actorUserId), index("audit_log_action_idx").on(t.action)],
);

// Modules keep their tables in their own folder; they are part of this one schema (drizzle-kit and
// the relational query API read this file). Relative paths: drizzle-kit does not resolve `@/`.
export * from "../files/schema";
export * from "../documents/schema";
export * from "../../integrations/nextcloud/schema";
export * from "../groupware/schema";
export * from "../mail/schema";
export * from "../office/schema";
export * from "../embed/schema";
export * from "../../integrations/onlyoffice/schema";
export * from "../rate-limit/schema";
