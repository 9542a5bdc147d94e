/**
 * Puts a webhook event in the outbox (embed_webhook_deliveries), inside the caller's transaction:
 * the event exists if and only if the change it reports was committed (a closed session always has
 * its `session.closed` event, a rolled-back one never has). The delivery worker
 * (delivery-worker.ts) sends it later, signed, with retries.
 *
 * After committing, the caller calls wakeWebhookWorker() (worker-signal.ts) so this process's worker
 * sends at once; other processes find the event on their next poll.
 *
 * The body is fixed here, once: every retry sends the same bytes and the same `id`, on which
 * receivers deduplicate.
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "@/server/db/client";
import { embedWebhookDeliveries, type WebhookEventType } from "@/server/embed/schema";
import { findEmbedClient } from "@/server/embed/clients";

export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  sessionId: string;
  documentId: string;
  reference: string;
  occurredAt: string;
}

/** Enqueues the event when the client has a webhook URL; returns it, or null when none is configured. */
export async function enqueueWebhook(
  executor: Database,
  input: { clientId: string; type: WebhookEventType; sessionId: string; documentId: string; reference: string },
): Promise<WebhookEvent | null> {
  const client = findEmbedClient(input.clientId);
  if (!client?.webhook) return null;
  const event: WebhookEvent = {
    id: randomUUID(),
    type: input.type,
    sessionId: input.sessionId,
    documentId: input.documentId,
    reference: input.reference,
    occurredAt: new Date().toISOString(),
  };
  await executor.insert(embedWebhookDeliveries).values({
    id: event.id,
    clientId: input.clientId,
    sessionId: input.sessionId,
    type: input.type,
    body: JSON.stringify(event),
  });
  return event;
}
