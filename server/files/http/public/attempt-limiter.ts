/**
 * Counts failed attempts on public share links (wrong passwords, unknown tokens) per key — a
 * token, a client address — in a sliding window, and says when a key must wait.
 *
 * FIRST STEP, PER PROCESS: the counts live in this process's memory. Behind a load balancer with
 * N portal processes an attacker gets at most N times the budget below, still far too little to
 * guess a 128-bit token or a reasonable password, but not the exact figure. The stateless version
 * keeps the same interface on a small database table (an upsert per failure, a count per check);
 * it needs a migration from the Files schema owner. Memory is bounded: at most MAX_KEYS keys, the
 * oldest dropped first.
 */
import "server-only";

export interface LimitRule {
  /** Failures allowed within the window. */
  max: number;
  windowMs: number;
}

const MAX_KEYS = 50_000;

export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  private recent(key: string, rule: LimitRule): number[] {
    const since = this.now() - rule.windowMs;
    const times = (this.failures.get(key) ?? []).filter((time) => time > since);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  /** Milliseconds before `key` may try again, or 0 when it may now. */
  retryAfterMs(key: string, rule: LimitRule): number {
    const times = this.recent(key, rule);
    if (times.length < rule.max) return 0;
    const oldestCounted = times[times.length - rule.max] ?? this.now();
    return Math.max(1, oldestCounted + rule.windowMs - this.now());
  }

  recordFailure(key: string, rule: LimitRule): void {
    const times = this.recent(key, rule);
    times.push(this.now());
    // Keep only what the rule can still count.
    this.failures.delete(key);
    this.failures.set(key, times.slice(-rule.max));
    if (this.failures.size > MAX_KEYS) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }
}
