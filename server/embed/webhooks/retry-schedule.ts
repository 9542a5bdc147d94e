/**
 * When to try a failed webhook again: exponential backoff (×3 from 10 seconds: 10 s, 30 s, 90 s,
 * 4.5 min, 13.5 min, 40 min, 2 h, then 6 h at most) with ±20 % jitter, so receivers that come back
 * after an outage are not hit by every portal process at the same instant.
 */
const BASE_MS = 10_000;
const FACTOR = 3;
const MAX_MS = 6 * 60 * 60 * 1000;

/** Delay before attempt `failedAttempts + 1`, after `failedAttempts` (≥ 1) failures. */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_MS, BASE_MS * FACTOR ** Math.max(0, failedAttempts - 1));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}
