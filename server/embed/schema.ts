/**
 * Tables of the embed module (migration 0009_embed, written by hand). Re-exported by
 * server/db/schema.ts.
 *
 * - embed_sessions: one editing session a vendor (DPI) asked for: which client, which user, which
 *   ONE document, edit or view, the vendor's own reference. After launch it also holds the SHA-256
 *   of the iframe's cookie secret (the cookie opens this session's document and nothing else).
 * - embed_launch_tokens: the one-time token in the embed URL, stored as a SHA-256 hash, spent
 *   atomically on first use.
 * - embed_documents: which client a document was created through; the export API and
 *   `{ documentId }` sessions only reach documents of the calling client.
 * - embed_webhook_deliveries / embed_webhook_attempts: the outbox of signed webhooks and the log
 *   of every attempt, leased by the delivery worker with FOR UPDATE SKIP LOCKED.
 */
import { bigserial, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "../db/schema";
import { documents } from "../documents/schema";

export const EMBED_MODES = ["edit", "view"] as const;
export type EmbedMode = (typeof EMBED_MODES)[number];
export const EMBED_SESSION_STATUSES = ["active", "closed", "cancelled"] as const;
export type EmbedSessionStatus = (typeof EMBED_SESSION_STATUSES)[number];
/** Which editor the iframe opens: the portal's native editor, or the office editor (issue 6) for DOCX. */
export const EMBED_EDITORS = ["native", "office"] as const;
export type EmbedEditor = (typeof EMBED_EDITORS)[number];
export const WEBHOOK_EVENT_TYPES = ["document.saved", "session.closed"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const WEBHOOK_DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;

const timestamptz = (name: string) => timestamp(name, { withTimezone: true });

export const embedSessions = pgTable(
  "embed_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: text("client_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    mode: text("mode", { enum: EMBED_MODES }).notNull(),
    editor: text("editor", { enum: EMBED_EDITORS }).notNull().default("native"),
    /** The vendor's own id for this piece of work (stay, encounter…), echoed in webhooks. */
    reference: text("reference").notNull(),
    locale: text("locale").notNull().default("fr"),
    status: text("status", { enum: EMBED_SESSION_STATUSES }).notNull().default("active"),
    /** SHA-256 of the iframe cookie's secret, set when the launch token is exchanged. */
    cookieHash: text("cookie_hash").unique(),
    launchedAt: timestamptz("launched_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    expiresAt: timestamptz("expires_at").notNull(),
    closedAt: timestamptz("closed_at"),
  },
  (t) => [
    index("embed_sessions_client_created_idx").on(t.clientId, t.createdAt),
    index("embed_sessions_client_reference_idx").on(t.clientId, t.reference),
    index("embed_sessions_document_idx").on(t.documentId),
  ],
);

export const embedLaunchTokens = pgTable(
  "embed_launch_tokens",
  {
    /** SHA-256 of the one-time token (the token itself is only ever in the embed URL). */
    tokenHash: text("token_hash").primaryKey(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => embedSessions.id, { onDelete: "cascade" }),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    expiresAt: timestamptz("expires_at").notNull(),
    usedAt: timestamptz("used_at"),
  },
  (t) => [index("embed_launch_tokens_session_idx").on(t.sessionId)],
);

export const embedDocuments = pgTable(
  "embed_documents",
  {
    documentId: uuid("document_id")
      .primaryKey()
      .references(() => documents.id, { onDelete: "cascade" }),
    clientId: text("client_id").notNull(),
    /** How it was made: from a template, an uploaded DOCX/ODT. */
    origin: text("origin", { enum: ["template", "upload"] }).notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [index("embed_documents_client_idx").on(t.clientId)],
);

export const embedWebhookDeliveries = pgTable(
  "embed_webhook_deliveries",
  {
    /** The event id sent in the body: receivers dedupe on it. */
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: text("client_id").notNull(),
    sessionId: uuid("session_id").references(() => embedSessions.id, { onDelete: "set null" }),
    type: text("type", { enum: WEBHOOK_EVENT_TYPES }).notNull(),
    /** The exact JSON body, fixed at enqueue time so every retry signs the same bytes. */
    body: text("body").notNull(),
    status: text("status", { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamptz("next_attempt_at").notNull().defaultNow(),
    /** Set while a worker sends it; another worker takes it over only after this passes. */
    leaseUntil: timestamptz("lease_until"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    completedAt: timestamptz("completed_at"),
  },
  (t) => [
    index("embed_webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("embed_webhook_deliveries_client_idx").on(t.clientId, t.createdAt),
  ],
);

export const embedWebhookAttempts = pgTable(
  "embed_webhook_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => embedWebhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    at: timestamptz("at").notNull().defaultNow(),
    /** The receiver's HTTP status, null when no answer came (timeout, refused connection). */
    httpStatus: integer("http_status"),
    durationMs: integer("duration_ms").notNull(),
    /** A short code: `timeout`, `connection_refused`, `http_500`, `redirect_not_followed`… never a body. */
    error: text("error"),
  },
  (t) => [index("embed_webhook_attempts_delivery_idx").on(t.deliveryId, t.attempt)],
);
