import { describe, expect, it } from "vitest";
import { AttemptLimiter } from "@/server/files/http/public/attempt-limiter";

describe("AttemptLimiter", () => {
  const rule = { max: 3, windowMs: 60_000 };

  it("lets a key fail `max` times, then makes it wait until the oldest failure leaves the window", () => {
    let now = 1_000_000;
    const limiter = new AttemptLimiter(() => now);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect(limiter.retryAfterMs("token:a", rule)).toBe(0);
      limiter.recordFailure("token:a", rule);
      now += 1000;
    }
    expect(limiter.retryAfterMs("token:a", rule)).toBe(57_000);
    expect(limiter.retryAfterMs("token:b", rule)).toBe(0);
    now += 57_000;
    expect(limiter.retryAfterMs("token:a", rule)).toBe(0);
  });
});
