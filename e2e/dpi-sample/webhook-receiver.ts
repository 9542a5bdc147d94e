/**
 * The sample vendor's webhook endpoint, written from the portal's documentation alone (no portal
 * code): verify the HMAC over `${t}.${rawBody}` in constant time, refuse a timestamp more than five
 * minutes away, drop an event id already processed (replays and retries), and only then parse and
 * keep the event. What it accepted and refused is exposed to the test.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const TOLERANCE_SECONDS = 300;

export interface ReceivedWebhook {
  id: string;
  type: string;
  sessionId: string;
  documentId: string;
  reference: string;
  occurredAt: string;
  receivedAt: string;
}

export type Verdict =
  | { accepted: true; event: ReceivedWebhook }
  | { accepted: false; reason: "missing" | "malformed" | "stale" | "mismatch" | "duplicate" | "invalid_body" };

export class WebhookReceiver {
  readonly accepted: ReceivedWebhook[] = [];
  readonly refused: Array<{ reason: string; at: string }> = [];
  /** Event ids seen, with when: kept twice the tolerance, beyond which the timestamp check refuses. */
  private readonly seen = new Map<string, number>();
  /** The last accepted delivery exactly as received (the test replays and tampers with it). */
  last: { body: string; signature: string } | null = null;

  constructor(private readonly secret: string) {}

  receive(rawBody: string, signatureHeader: string | undefined, nowSeconds = Math.floor(Date.now() / 1000)): Verdict {
    const verdict = this.check(rawBody, signatureHeader, nowSeconds);
    if (verdict.accepted) {
      this.accepted.push(verdict.event);
      this.last = { body: rawBody, signature: signatureHeader ?? "" };
    } else {
      this.refused.push({ reason: verdict.reason, at: new Date().toISOString() });
    }
    return verdict;
  }

  private check(rawBody: string, header: string | undefined, now: number): Verdict {
    if (!header) return { accepted: false, reason: "missing" };
    let timestamp: number | null = null;
    const signatures: Buffer[] = [];
    for (const part of header.split(",")) {
      const [key, value] = part.trim().split("=", 2);
      if (key === "t" && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
      if (key === "v1" && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(Buffer.from(value, "hex"));
    }
    if (timestamp === null || signatures.length === 0) return { accepted: false, reason: "malformed" };
    if (Math.abs(now - timestamp) > TOLERANCE_SECONDS) return { accepted: false, reason: "stale" };
    const expected = createHmac("sha256", this.secret).update(`${timestamp}.${rawBody}`, "utf8").digest();
    if (!signatures.some((candidate) => timingSafeEqual(candidate, expected)))
      return { accepted: false, reason: "mismatch" };
    let event: ReceivedWebhook;
    try {
      const body = JSON.parse(rawBody) as Record<string, unknown>;
      const fields = ["id", "type", "sessionId", "documentId", "reference", "occurredAt"] as const;
      if (!fields.every((field) => typeof body[field] === "string")) return { accepted: false, reason: "invalid_body" };
      event = {
        id: String(body.id),
        type: String(body.type),
        sessionId: String(body.sessionId),
        documentId: String(body.documentId),
        reference: String(body.reference),
        occurredAt: String(body.occurredAt),
        receivedAt: new Date().toISOString(),
      };
    } catch {
      return { accepted: false, reason: "invalid_body" };
    }
    for (const [id, at] of this.seen) if (now - at > 2 * TOLERANCE_SECONDS) this.seen.delete(id);
    if (this.seen.has(event.id)) return { accepted: false, reason: "duplicate" };
    this.seen.set(event.id, now);
    return { accepted: true, event };
  }
}
