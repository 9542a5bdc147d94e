// Webhooks end to end on a real database (PGlite and PostgreSQL) and a real local HTTP receiver
// that verifies signatures as a vendor must: saved/closed events enqueued with the session change,
// signed delivery, retries with backoff after a 500, redirects not followed, timeouts, giving up
// after the last attempt, tampered or stale signatures refused by the receiver, two workers never
// sending one event twice at once, and the delivery log over the API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { startNodeRouteServer, type NodeRouteServer } from "@/test/support/node-route-server";
import { db } from "@/server/db/client";
import { embedLaunchTokens, embedWebhookAttempts, embedWebhookDeliveries } from "@/server/embed/schema";
import {
  clientsFilePath,
  fetchAccessToken,
  startWebhookReceiver,
  writeClientsFile,
  type TestClient,
  type WebhookReceiver,
} from "@/server/embed/testing/embed-test-kit";
import { requireEmbedClient } from "@/server/embed/clients";
import { createEmbedSession } from "@/server/embed/create-embed-session";
import { exchangeLaunchToken, readEmbedSession, recordEmbedEvent } from "@/server/embed/embed-session";
import { WebhookDeliveryWorker } from "@/server/embed/webhooks/delivery-worker";
import {
  signWebhook,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
} from "@/server/embed/webhooks/webhook-signature";
import { retryDelayMs } from "@/server/embed/webhooks/retry-schedule";
import { embedApiRoute } from "@/server/embed/api/embed-api-route";

const client: TestClient = {
  id: "dpi-hooks",
  secret: "secret-of-hooks-0123456789-abcdefghij",
  webhookSecret: "s3cr3t-".repeat(6),
};
const clientsFile = clientsFilePath();
setTestEnv({ EMBED_CLIENTS_FILE: clientsFile });

let receiver: WebhookReceiver;
let elsewhere: WebhookReceiver;
let server: NodeRouteServer;

beforeAll(async () => {
  receiver = await startWebhookReceiver(client.webhookSecret);
  elsewhere = await startWebhookReceiver(client.webhookSecret);
  await writeClientsFile([{ ...client, webhookUrl: receiver.url }], clientsFile);
  await useTestDatabase();
  server = await startNodeRouteServer([embedApiRoute]);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await receiver?.close();
  await elsewhere?.close();
});

function worker(options: Partial<ConstructorParameters<typeof WebhookDeliveryWorker>[0]> = {}) {
  return new WebhookDeliveryWorker({ timeoutMs: 2000, maxAttempts: 10, random: () => 0.5, ...options });
}

async function newSession(reference = "sejour-1") {
  return createEmbedSession({
    client: requireEmbedClient(client.id),
    body: {
      user: { rpps: "10101010101", name: "Alice Martin" },
      document: {
        template: {
          id: "discharge-summary",
          fields: {
            patient: "M. Durand",
            admissionDate: "2026-11-01",
            dischargeDate: "2026-11-05",
            service: "Pneumologie",
            physician: "Dr Roux",
          },
        },
      },
      mode: "edit",
      reference,
    },
    upload: null,
  });
}

async function deliveryOf(sessionId: string, type: string) {
  const rows = await (
    await db()
  )
    .select()
    .from(embedWebhookDeliveries)
    .where(eq(embedWebhookDeliveries.sessionId, sessionId));
  const row = rows.find((candidate) => candidate.type === type);
  if (!row) throw new Error(`no ${type} delivery`);
  return row;
}

async function attemptsOf(deliveryId: string) {
  return (await db())
    .select()
    .from(embedWebhookAttempts)
    .where(eq(embedWebhookAttempts.deliveryId, deliveryId))
    .orderBy(embedWebhookAttempts.attempt);
}

describe("webhook events", () => {
  it("delivers a signed document.saved and one session.closed; a closed session's cookie stops working", async () => {
    receiver.respondWith(204);
    const created = await newSession("sejour-saved");
    const launched = await exchangeLaunchToken(new URL(created.embedUrl).hash.slice(1));
    await recordEmbedEvent(created.sessionId, "opened");
    await recordEmbedEvent(created.sessionId, "saved");
    expect(await recordEmbedEvent(created.sessionId, "closed")).toEqual({ changed: true });
    expect(await recordEmbedEvent(created.sessionId, "closed")).toEqual({ changed: false });
    await expect(recordEmbedEvent(created.sessionId, "saved")).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await readEmbedSession(launched.cookieValue)).toBeNull();

    const before = receiver.received.length;
    expect(await worker().runOnce()).toBe(2);
    const fresh = receiver.received.slice(before);
    expect(fresh.every((item) => item.check.ok)).toBe(true);
    const events = fresh.map((item) => JSON.parse(item.body) as Record<string, unknown>);
    expect(events.map((event) => event.type).sort()).toEqual(["document.saved", "session.closed"]);
    for (const event of events) {
      expect(event).toMatchObject({
        sessionId: created.sessionId,
        documentId: created.documentId,
        reference: "sejour-saved",
      });
      expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const saved = await deliveryOf(created.sessionId, "document.saved");
    expect(saved).toMatchObject({ status: "delivered", attempts: 1 });
    expect(await attemptsOf(saved.id)).toMatchObject([{ attempt: 1, httpStatus: 204, error: null }]);
    expect(await worker().runOnce()).toBe(0);
  });

  it("retries after a 500 with backoff, then delivers the same event (same id and body)", async () => {
    const created = await newSession("sejour-retry");
    await recordEmbedEvent(created.sessionId, "saved");
    receiver.respondWith(500);
    let now = Date.now();
    const clocked = worker({ now: () => now });
    expect(await clocked.runOnce()).toBe(1);
    const afterFailure = await deliveryOf(created.sessionId, "document.saved");
    expect(afterFailure).toMatchObject({ status: "pending", attempts: 1, leaseUntil: null });
    expect(afterFailure.nextAttemptAt.getTime() - now).toBe(retryDelayMs(1, () => 0.5));
    expect(await clocked.runOnce()).toBe(0);

    receiver.respondWith(204);
    now += 60_000;
    const before = receiver.received.length;
    expect(await clocked.runOnce()).toBe(1);
    const delivered = await deliveryOf(created.sessionId, "document.saved");
    expect(delivered).toMatchObject({ status: "delivered", attempts: 2 });
    expect((await attemptsOf(delivered.id)).map((attempt) => [attempt.httpStatus, attempt.error])).toEqual([
      [500, "http_500"],
      [204, null],
    ]);
    const [first, second] = receiver.received.slice(before - 1);
    expect(first?.body).toBe(second?.body);
  });

  it("does not follow redirects, times out a silent receiver, and gives up after the last attempt", async () => {
    const created = await newSession("sejour-fail");
    await recordEmbedEvent(created.sessionId, "saved");
    receiver.respondWith(302, elsewhere.url);
    let now = Date.now();
    const clocked = worker({ now: () => now, maxAttempts: 2, timeoutMs: 300 });
    await clocked.runOnce();
    expect(elsewhere.received).toHaveLength(0);
    receiver.respondWith(204);
    receiver.delayMs(1500);
    now += 60_000;
    await clocked.runOnce();
    receiver.delayMs(0);
    const failed = await deliveryOf(created.sessionId, "document.saved");
    expect(failed.status).toBe("failed");
    expect((await attemptsOf(failed.id)).map((attempt) => attempt.error)).toEqual(["redirect_not_followed", "timeout"]);
    now += 24 * 60 * 60 * 1000;
    expect(await clocked.runOnce()).toBe(0);
  });

  it("never sends one event twice at once from two workers (leases with SKIP LOCKED)", async () => {
    receiver.respondWith(204);
    const ids = new Set<string>();
    for (let index = 0; index < 12; index += 1) {
      const created = await newSession(`sejour-many-${index}`);
      await recordEmbedEvent(created.sessionId, "saved");
      ids.add((await deliveryOf(created.sessionId, "document.saved")).id);
    }
    const before = receiver.received.length;
    const first = worker({ batchSize: 5 });
    const second = worker({ batchSize: 5 });
    let sent = 0;
    for (let round = 0; round < 6; round += 1)
      sent += (await Promise.all([first.runOnce(), second.runOnce()])).reduce((a, b) => a + b, 0);
    expect(sent).toBe(12);
    const received = receiver.received.slice(before).map((item) => (JSON.parse(item.body) as { id: string }).id);
    expect(new Set(received)).toEqual(ids);
    expect(received).toHaveLength(12);
  });
});

describe("signatures", () => {
  const body = JSON.stringify({ id: "00000000-0000-4000-8000-000000000000", type: "document.saved" });
  const now = 1_800_000_000;

  it("verifies the portal's signature and refuses a tampered body, header or a stale timestamp", () => {
    const header = signWebhook(client.webhookSecret, body, now);
    expect(verifyWebhookSignature({ secret: client.webhookSecret, body, header, nowSeconds: now + 10 })).toEqual({
      ok: true,
      timestamp: now,
    });
    expect(
      verifyWebhookSignature({
        secret: client.webhookSecret,
        body: body.replace("saved", "deleted"),
        header,
        nowSeconds: now,
      }),
    ).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(verifyWebhookSignature({ secret: "another-secret", body, header, nowSeconds: now }).ok).toBe(false);
    const tampered = header.replace(/v1=([0-9a-f])/, (_m, c: string) => `v1=${c === "0" ? "1" : "0"}`);
    expect(verifyWebhookSignature({ secret: client.webhookSecret, body, header: tampered, nowSeconds: now })).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(verifyWebhookSignature({ secret: client.webhookSecret, body, header, nowSeconds: now + 301 })).toEqual({
      ok: false,
      reason: "stale",
    });
    expect(
      verifyWebhookSignature({ secret: client.webhookSecret, body, header: "t=abc,v1=zz", nowSeconds: now }),
    ).toEqual({ ok: false, reason: "malformed" });
    expect(verifyWebhookSignature({ secret: client.webhookSecret, body, header: undefined })).toEqual({
      ok: false,
      reason: "missing",
    });
  });

  it("the receiver refuses a forged delivery and drops a replayed one", async () => {
    const before = receiver.accepted().length;
    const forged = await fetch(receiver.url, {
      method: "POST",
      headers: { [WEBHOOK_SIGNATURE_HEADER]: signWebhook("not-the-secret", body, Math.floor(Date.now() / 1000)) },
      body,
    });
    expect(forged.status).toBe(401);
    const signed = {
      [WEBHOOK_SIGNATURE_HEADER]: signWebhook(client.webhookSecret, body, Math.floor(Date.now() / 1000)),
    };
    await fetch(receiver.url, { method: "POST", headers: signed, body });
    await fetch(receiver.url, { method: "POST", headers: signed, body });
    expect(receiver.accepted().length - before).toBe(1);
  });

  it("spaces retries from 10 s up to 6 h, with jitter", () => {
    expect(retryDelayMs(1, () => 0.5)).toBe(10_000);
    expect(retryDelayMs(2, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(20, () => 0.5)).toBe(6 * 60 * 60 * 1000);
    expect(retryDelayMs(1, () => 0)).toBe(8_000);
    expect(retryDelayMs(1, () => 1)).toBe(12_000);
  });
});

describe("housekeeping", () => {
  it("deletes finished deliveries past 30 days and launch tokens expired for a day, keeping the rest", async () => {
    const created = await newSession("sejour-sweep");
    await recordEmbedEvent(created.sessionId, "saved");
    receiver.respondWith(204);
    await worker().runOnce();
    const delivered = await deliveryOf(created.sessionId, "document.saved");
    await worker({ now: () => Date.now() + 29 * 24 * 60 * 60 * 1000 }).sweep();
    expect(await attemptsOf(delivered.id)).toHaveLength(1);
    await worker({ now: () => Date.now() + 31 * 24 * 60 * 60 * 1000 }).sweep();
    const left = await (
      await db()
    )
      .select()
      .from(embedWebhookDeliveries)
      .where(eq(embedWebhookDeliveries.id, delivered.id));
    expect(left).toHaveLength(0);
    expect(await attemptsOf(delivered.id)).toHaveLength(0);
    const tokens = await (
      await db()
    )
      .select()
      .from(embedLaunchTokens)
      .where(eq(embedLaunchTokens.sessionId, created.sessionId));
    expect(tokens).toHaveLength(0);
  });
});

describe("delivery log", () => {
  it("lists the client's deliveries with every attempt, filtered by session", async () => {
    const created = await newSession("sejour-log");
    await recordEmbedEvent(created.sessionId, "saved");
    receiver.respondWith(204);
    await worker().runOnce();
    const token = await fetchAccessToken(server.origin, client);
    const response = await fetch(`${server.origin}/api/embed/v1/webhooks/deliveries?sessionId=${created.sessionId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const log = (await response.json()) as { deliveries: Array<Record<string, unknown>>; nextCursor: string | null };
    expect(log.nextCursor).toBeNull();
    expect(log.deliveries).toHaveLength(1);
    expect(log.deliveries[0]).toMatchObject({
      type: "document.saved",
      status: "delivered",
      sessionId: created.sessionId,
    });
    expect(log.deliveries[0]?.attempts).toMatchObject([{ attempt: 1, httpStatus: 204, error: null }]);
    const bad = await fetch(`${server.origin}/api/embed/v1/webhooks/deliveries?status=lost`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.status).toBe(400);
  });
});
