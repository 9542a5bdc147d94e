// The shared attempt limiter on both database engines: the sliding window, keys kept apart, two
// limiter instances (two portal processes) counting the same failures, and no key in clear.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/test-database";
import { setDatabaseForTests, db } from "@/server/db/client";
import { rateLimitFailures } from "@/server/db/schema";
import { AttemptLimiter } from "@/server/rate-limit/attempt-limiter";

let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const open = await useTestDatabase();
  close = () => open.close();
});

afterAll(async () => {
  setDatabaseForTests(undefined);
  await close?.();
});

describe("AttemptLimiter", () => {
  const rule = { max: 3, windowMs: 60_000 };

  it("lets a key fail `max` times, then makes it wait until the oldest failure leaves the window", async () => {
    let now = 1_000_000_000_000;
    const limiter = new AttemptLimiter(() => now);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(await limiter.retryAfterMs("token:a", rule)).toBe(0);
      await limiter.recordFailure("token:a", rule);
      now += 1000;
    }
    expect(await limiter.retryAfterMs("token:a", rule)).toBe(57_000);
    expect(await limiter.retryAfterMs("token:b", rule)).toBe(0);
    now += 57_000;
    expect(await limiter.retryAfterMs("token:a", rule)).toBe(0);
  });

  it("counts the failures seen by another process (another limiter on the same database)", async () => {
    const now = 2_000_000_000_000;
    const first = new AttemptLimiter(() => now);
    const second = new AttemptLimiter(() => now);
    await first.recordFailure("address:192.0.2.1", rule);
    await second.recordFailure("address:192.0.2.1", rule);
    await first.recordFailure("address:192.0.2.1", rule);
    expect(await second.retryAfterMs("address:192.0.2.1", rule)).toBe(60_000);
    expect(
      await second.longestWaitMs([
        ["address:192.0.2.2", rule],
        ["address:192.0.2.1", rule],
      ]),
    ).toBe(60_000);
  });

  it("stores hashes, never the key, and forgets failures that left the window", async () => {
    let now = 3_000_000_000_000;
    const limiter = new AttemptLimiter(
      () => now,
      () => true,
    );
    await limiter.recordFailure("token:secret-share-token", rule);
    now += rule.windowMs + 1;
    await limiter.recordFailure("token:secret-share-token", rule);
    const rows = await (await db()).select().from(rateLimitFailures);
    expect(rows.every((row) => !row.keyHash.includes("secret"))).toBe(true);
    expect(rows.filter((row) => row.at.getTime() < now - rule.windowMs)).toHaveLength(0);
  });
});
