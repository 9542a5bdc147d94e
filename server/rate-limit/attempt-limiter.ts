/**
 * Counts failed attempts per key — a share token, a client address, an API client — in a sliding
 * window, and says when a key must wait. Used where guessing must stay slow: public share links
 * (wrong passwords, unknown tokens) and any other secret a stranger could try repeatedly.
 *
 * The counts live in the database (rate_limit_failures), not in a process: behind a load balancer
 * every portal process sees the same failures, so N processes do not multiply an attacker's
 * budget. Keys are stored as SHA-256 hashes (a share token must not sit in a table in clear). A
 * failure also deletes the key's rows that left the window, and about one call in a hundred
 * sweeps rows older than a day, so the table stays small without a scheduler.
 */
import "server-only";
import { createHash } from "node:crypto";
import { and, desc, eq, gt, lt } from "drizzle-orm";
import { db } from "@/server/db/client";
import { rateLimitFailures } from "@/server/db/schema";

export interface LimitRule {
  /** Failures allowed within the window. */
  max: number;
  windowMs: number;
}

const SWEEP_AFTER_MS = 24 * 60 * 60 * 1000;

function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export class AttemptLimiter {
  constructor(
    private readonly now: () => number = Date.now,
    private readonly sweepChance: () => boolean = () => Math.random() < 0.01,
  ) {}

  /** Milliseconds before `key` may try again, or 0 when it may now. */
  async retryAfterMs(key: string, rule: LimitRule): Promise<number> {
    const now = this.now();
    const rows = await (
      await db()
    )
      .select({ at: rateLimitFailures.at })
      .from(rateLimitFailures)
      .where(and(eq(rateLimitFailures.keyHash, hashKey(key)), gt(rateLimitFailures.at, new Date(now - rule.windowMs))))
      .orderBy(desc(rateLimitFailures.at))
      .limit(rule.max);
    const oldestCounted = rows.length < rule.max ? undefined : rows[rows.length - 1]?.at.getTime();
    if (oldestCounted === undefined) return 0;
    return Math.max(1, oldestCounted + rule.windowMs - now);
  }

  /** Milliseconds before the most limited of `keys` may try again (0 when all may). */
  async longestWaitMs(keys: ReadonlyArray<readonly [string, LimitRule]>): Promise<number> {
    const waits = await Promise.all(keys.map(([key, rule]) => this.retryAfterMs(key, rule)));
    return Math.max(0, ...waits);
  }

  async recordFailure(key: string, rule: LimitRule): Promise<void> {
    const now = this.now();
    const keyHash = hashKey(key);
    const database = await db();
    await database.insert(rateLimitFailures).values({ keyHash, at: new Date(now) });
    await database
      .delete(rateLimitFailures)
      .where(and(eq(rateLimitFailures.keyHash, keyHash), lt(rateLimitFailures.at, new Date(now - rule.windowMs))));
    if (this.sweepChance()) {
      await database.delete(rateLimitFailures).where(lt(rateLimitFailures.at, new Date(now - SWEEP_AFTER_MS)));
    }
  }
}
