/**
 * Table of the shared attempt limiter (migration 0011_rate_limits): one row per failed attempt,
 * keyed by a hash of what was attempted (a share token, a client address…), so that every portal
 * process counts the same failures and no raw token sits in the table.
 */
import { bigserial, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const rateLimitFailures = pgTable(
  "rate_limit_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** SHA-256 (hex) of the limiter key. */
    keyHash: text("key_hash").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("rate_limit_failures_key_at_idx").on(t.keyHash, t.at)],
);
