/**
 * An in-process nudge for the webhook delivery worker: enqueuing an event wakes the worker of the
 * same process at once instead of waiting for its next poll. Other processes find the event on
 * their poll (the outbox table is the truth; this is only a latency shortcut). Kept on globalThis
 * because Next's bundle and the outer server process each evaluate this module.
 */
import "server-only";

const KEY = Symbol.for("portal.embed.webhookWorkerWake");
type Holder = { [KEY]?: () => void };

export function setWebhookWorkerWake(wake: (() => void) | undefined): void {
  (globalThis as Holder)[KEY] = wake;
}

export function wakeWebhookWorker(): void {
  (globalThis as Holder)[KEY]?.();
}
