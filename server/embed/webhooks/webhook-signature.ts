/**
 * Webhook signatures, both sides: the portal signs, vendors verify (the sample vendor in e2e/ and
 * the tests use `verifyWebhookSignature`; a vendor in another language follows the same steps).
 *
 *   X-Portal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(webhookSecret, `${t}.${rawBody}`)>
 *
 * To verify: take the raw body bytes as received (before any JSON parsing), recompute the HMAC
 * over `${t}.${body}` with the client's webhookSecret, compare in constant time with any `v1`
 * value, refuse a `t` more than 5 minutes away from your clock, and remember the body's `id` for
 * at least that long to drop replays and the retries of an event you already processed.
 *
 * Free of `server-only` so the e2e sample vendor can import it.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const WEBHOOK_SIGNATURE_HEADER = "x-portal-signature";
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export function signWebhook(secret: string, body: string, timestampSeconds: number): string {
  const digest = createHmac("sha256", secret).update(`${timestampSeconds}.${body}`, "utf8").digest("hex");
  return `t=${timestampSeconds},v1=${digest}`;
}

export type SignatureCheck =
  { ok: true; timestamp: number } | { ok: false; reason: "missing" | "malformed" | "stale" | "mismatch" };

export function verifyWebhookSignature(input: {
  secret: string;
  body: string;
  header: string | null | undefined;
  nowSeconds?: number;
  toleranceSeconds?: number;
}): SignatureCheck {
  if (!input.header) return { ok: false, reason: "missing" };
  let timestamp: number | null = null;
  const candidates: string[] = [];
  for (const part of input.header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && value && /^[0-9a-f]{64}$/.test(value)) candidates.push(value);
  }
  if (timestamp === null || candidates.length === 0) return { ok: false, reason: "malformed" };
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS))
    return { ok: false, reason: "stale" };
  const expected = Buffer.from(signWebhook(input.secret, input.body, timestamp).split("v1=")[1] ?? "", "hex");
  const matches = candidates.some((candidate) => timingSafeEqual(Buffer.from(candidate, "hex"), expected));
  return matches ? { ok: true, timestamp } : { ok: false, reason: "mismatch" };
}
