// The embed extension at portal start: a broken clients file stops the start with a message naming
// the entry and field; a valid one starts the webhook worker, which delivers an event enqueued
// later without being asked (woken by the enqueue), and stops with the portal's shutdown hooks.
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { env } from "@/server/env";
import type { PortalServer } from "@/server/http/portal-server";
import { embedServerExtension } from "@/server/embed/embed-server-extension";
import { requireEmbedClient } from "@/server/embed/clients";
import { createEmbedSession } from "@/server/embed/create-embed-session";
import { recordEmbedEvent } from "@/server/embed/embed-session";
import {
  clientsFilePath,
  startWebhookReceiver,
  writeClientsFile,
  type WebhookReceiver,
} from "@/server/embed/testing/embed-test-kit";

const clientsFile = clientsFilePath();
setTestEnv({ EMBED_CLIENTS_FILE: clientsFile });
const client = { id: "dpi-start", secret: "secret-of-start-0123456789-abcdefgh", webhookSecret: "k".repeat(40) };
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver(client.webhookSecret);
  await useTestDatabase();
}, 120_000);

afterAll(async () => {
  await receiver?.close();
});

function fakePortal(hooks: Array<() => Promise<void> | void>): PortalServer {
  return { onShutdown: (hook: () => Promise<void> | void) => hooks.push(hook) } as unknown as PortalServer;
}

describe("embedServerExtension", () => {
  it("refuses to start on a broken clients file, naming the entry and the field", async () => {
    writeFileSync(
      clientsFile,
      JSON.stringify([{ id: "dpi-broken", name: "x", secretHash: "plain", allowedOrigins: [] }]),
    );
    await expect(async () => embedServerExtension.attach?.(fakePortal([]), env())).rejects.toThrow(
      /clients\[0\] \(id "dpi-broken"\)\.secretHash/,
    );
  });

  it("starts the webhook worker, which sends an enqueued event at once, and stops at shutdown", async () => {
    await writeClientsFile([{ ...client, webhookUrl: receiver.url }], clientsFile);
    const hooks: Array<() => Promise<void> | void> = [];
    await embedServerExtension.attach?.(fakePortal(hooks), env());
    expect(hooks).toHaveLength(1);
    const created = await createEmbedSession({
      client: requireEmbedClient(client.id),
      body: {
        user: { subject: "sub-start", name: "Chloé" },
        document: {
          template: {
            id: "discharge-summary",
            fields: {
              patient: "X",
              admissionDate: "2026-01-01",
              dischargeDate: "2026-01-02",
              service: "S",
              physician: "P",
            },
          },
        },
        mode: "edit",
        reference: "start",
      },
      upload: null,
    });
    await recordEmbedEvent(created.sessionId, "closed");
    const deadline = Date.now() + 2000; // under the 3 s poll: only the wake-up can make it
    while (receiver.accepted().length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.accepted()).toMatchObject([{ type: "session.closed", sessionId: created.sessionId }]);
    for (const hook of hooks) await hook();
  });
});
