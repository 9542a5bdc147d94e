/**
 * Sends the webhook outbox (embed_webhook_deliveries) to the vendors, from every portal process
 * at once without sending anything twice concurrently:
 *
 * - Claiming: one short transaction selects due deliveries `FOR UPDATE SKIP LOCKED` (rows another
 *   process is claiming are skipped, not waited for), then stamps a lease (`lease_until`) and
 *   counts the attempt. The HTTP request runs outside any transaction; a process that dies
 *   mid-send leaves the lease to expire and another process retries. Delivery is therefore "at
 *   least once": receivers deduplicate on the event `id` (the same on every retry).
 * - Sending: POST of the stored body, signed afresh with the current time (webhook-signature.ts),
 *   to the client's configured webhookUrl only, redirects NOT followed (a 3xx is a failure), under
 *   EMBED_WEBHOOK_TIMEOUT_MS. Any 2xx is success.
 * - Failure: the next attempt is scheduled with backoff and jitter (retry-schedule.ts) until
 *   EMBED_WEBHOOK_MAX_ATTEMPTS, then the delivery is `failed`. Every attempt is logged in
 *   embed_webhook_attempts (status, duration, short error code: never a response body).
 *
 * Polls every few seconds; an enqueue in this process wakes it at once (worker-signal.ts).
 *
 * Housekeeping rides along, at most every SWEEP_EVERY_MS: spent or expired launch tokens older than
 * a day and finished deliveries (with their attempts) older than RETENTION_MS are deleted, so the
 * tables stay small without another scheduler (any process may sweep; the deletes are idempotent).
 */
import "server-only";
import { and, asc, eq, inArray, isNull, lte, lt, or, sql } from "drizzle-orm";
import { db } from "@/server/db/client";
import { embedLaunchTokens, embedWebhookAttempts, embedWebhookDeliveries } from "@/server/embed/schema";
import { findEmbedClient } from "@/server/embed/clients";
import { signWebhook, WEBHOOK_SIGNATURE_HEADER } from "@/server/embed/webhooks/webhook-signature";
import { retryDelayMs } from "@/server/embed/webhooks/retry-schedule";
import { setWebhookWorkerWake } from "@/server/embed/webhooks/worker-signal";
import { errorCode } from "@/server/errors";
import { logger } from "@/server/log";

type Delivery = typeof embedWebhookDeliveries.$inferSelect;

export interface WebhookWorkerOptions {
  timeoutMs: number;
  maxAttempts: number;
  /** Poll period when nothing wakes the worker. */
  pollMs?: number;
  /** Deliveries claimed per round (sent concurrently). */
  batchSize?: number;
  now?: () => number;
  random?: () => number;
}

interface AttemptOutcome {
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

const log = logger.child({ module: "embed-webhooks" });
const SWEEP_EVERY_MS = 10 * 60 * 1000;
const TOKEN_GRACE_MS = 24 * 60 * 60 * 1000;
const RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

export class WebhookDeliveryWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private rerun = false;
  private stopped = true;
  private readonly inFlight = new Set<AbortController>();
  private lastSweep = 0;

  constructor(private readonly options: WebhookWorkerOptions) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  start(): void {
    this.stopped = false;
    setWebhookWorkerWake(() => this.wake());
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    setWebhookWorkerWake(undefined);
    clearTimeout(this.timer);
    for (const controller of this.inFlight) controller.abort();
    await this.running;
  }

  /** Runs a round now (or right after the current one). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .then((sent) => {
          // A full batch may mean more are due: go again at once.
          if (sent >= (this.options.batchSize ?? 10)) this.rerun = true;
        })
        .catch((error: unknown) => log.warn({ err: errorCode(error) }, "webhook round failed"))
        .finally(() => {
          this.running = undefined;
          if (this.stopped) return;
          const again = this.rerun;
          this.rerun = false;
          this.schedule(again ? 0 : (this.options.pollMs ?? 3000));
        });
    }, delayMs);
    this.timer.unref();
  }

  /** Claims the due deliveries and sends them; returns how many were attempted. */
  async runOnce(): Promise<number> {
    if (this.now() - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = this.now();
      await this.sweep();
    }
    const claimed = await this.claim();
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
    return claimed.length;
  }

  /** Deletes launch tokens past use and finished deliveries past retention. */
  async sweep(): Promise<void> {
    const now = this.now();
    const database = await db();
    await database.delete(embedLaunchTokens).where(lt(embedLaunchTokens.expiresAt, new Date(now - TOKEN_GRACE_MS)));
    await database
      .delete(embedWebhookDeliveries)
      .where(
        and(
          inArray(embedWebhookDeliveries.status, ["delivered", "failed"]),
          lt(embedWebhookDeliveries.completedAt, new Date(now - RETENTION_MS)),
        ),
      );
  }

  private async claim(): Promise<Delivery[]> {
    const now = new Date(this.now());
    const leaseUntil = new Date(now.getTime() + this.options.timeoutMs + 30_000);
    return (await db()).transaction(async (tx) => {
      const due = await tx
        .select({ id: embedWebhookDeliveries.id })
        .from(embedWebhookDeliveries)
        .where(
          and(
            eq(embedWebhookDeliveries.status, "pending"),
            lte(embedWebhookDeliveries.nextAttemptAt, now),
            or(isNull(embedWebhookDeliveries.leaseUntil), lt(embedWebhookDeliveries.leaseUntil, now)),
          ),
        )
        .orderBy(asc(embedWebhookDeliveries.nextAttemptAt))
        .limit(this.options.batchSize ?? 10)
        .for("update", { skipLocked: true });
      if (due.length === 0) return [];
      const ids = due.map((row) => row.id);
      const rows: Delivery[] = [];
      for (const id of ids) {
        const [row] = await tx
          .update(embedWebhookDeliveries)
          .set({ leaseUntil, attempts: sqlIncrement() })
          .where(eq(embedWebhookDeliveries.id, id))
          .returning();
        if (row) rows.push(row);
      }
      return rows;
    });
  }

  private async send(delivery: Delivery): Promise<AttemptOutcome> {
    const started = performance.now();
    const client = findEmbedClient(delivery.clientId);
    if (!client?.webhook)
      return { httpStatus: null, error: client ? "no_webhook_configured" : "client_removed", durationMs: 0 };
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const response = await fetch(client.webhook.url, {
        method: "POST",
        redirect: "manual",
        signal: controller.signal,
        headers: {
          "content-type": "application/json",
          "user-agent": "portal-embed-webhooks/1",
          [WEBHOOK_SIGNATURE_HEADER]: signWebhook(client.webhook.secret, delivery.body, Math.floor(this.now() / 1000)),
          "x-portal-event-id": delivery.id,
        },
        body: delivery.body,
      });
      await response.body?.cancel().catch(() => {});
      const durationMs = Math.round(performance.now() - started);
      if (response.status >= 200 && response.status < 300)
        return { httpStatus: response.status, error: null, durationMs };
      const error =
        response.status >= 300 && response.status < 400 ? "redirect_not_followed" : `http_${response.status}`;
      return { httpStatus: response.status, error, durationMs };
    } catch (error) {
      const durationMs = Math.round(performance.now() - started);
      const code = controller.signal.aborted ? "timeout" : networkErrorCode(error);
      return { httpStatus: null, error: code, durationMs };
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const outcome = await this.send(delivery);
    const now = new Date(this.now());
    const database = await db();
    await database.insert(embedWebhookAttempts).values({
      deliveryId: delivery.id,
      attempt: delivery.attempts,
      at: now,
      httpStatus: outcome.httpStatus,
      durationMs: outcome.durationMs,
      error: outcome.error,
    });
    const permanent = outcome.error === "client_removed" || outcome.error === "no_webhook_configured";
    const finished = outcome.error === null || permanent || delivery.attempts >= this.options.maxAttempts;
    await database
      .update(embedWebhookDeliveries)
      .set(
        finished
          ? { status: outcome.error === null ? "delivered" : "failed", completedAt: now, leaseUntil: null }
          : {
              nextAttemptAt: new Date(now.getTime() + retryDelayMs(delivery.attempts, this.options.random)),
              leaseUntil: null,
            },
      )
      // Only while the lease is still ours (same attempt count): never overwrite a later attempt.
      .where(and(eq(embedWebhookDeliveries.id, delivery.id), eq(embedWebhookDeliveries.attempts, delivery.attempts)));
    if (outcome.error !== null) {
      log.info(
        { deliveryId: delivery.id, attempt: delivery.attempts, error: outcome.error, finished },
        "webhook attempt failed",
      );
    }
  }
}

function sqlIncrement() {
  return sql`${embedWebhookDeliveries.attempts} + 1`;
}

/** A short code for a failed connection (refused, DNS, TLS…), never a message with internals. */
function networkErrorCode(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const code = errorCode(cause ?? error);
  return (
    code
      .toLowerCase()
      .replace(/[^a-z0-9_]/g, "_")
      .slice(0, 40) || "network_error"
  );
}
