// Integration: the collaboration server's persistence hooks (persistence-extension.ts) with the
// official provider, on a fresh database: compaction in the compaction thread folds what people
// typed into the snapshot; the automatic version taken when the last participant leaves holds
// that content (taken from the compacted state), and when the store had already run before the
// leave, the final state is still versioned as the document unloads.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { and, eq } from "drizzle-orm";
import { useTestDatabase } from "@/test/support/test-database";
import { db } from "@/server/db/client";
import { documentSnapshots, documentUpdates } from "@/server/documents/schema";
import { listVersionSummaries, readVersionState } from "@/server/collab/versions";
import {
  connectClient,
  createTestDocument,
  createTestUser,
  startTestCollabServer,
  tokenFor,
  waitFor,
  waitForSync,
  type TestClient,
  type TestCollabServer,
} from "@/server/collab/testing/collab-test-server";

let server: TestCollabServer;
/** Stores 100 ms after the last change: the store has run by the time the participant leaves. */
let quickServer: TestCollabServer;
let owner: string;

beforeAll(async () => {
  await useTestDatabase();
  owner = await createTestUser("Alice");
  // The store (compaction) still waits when the participant leaves: leaving runs it at once.
  server = await startTestCollabServer({ storeDebounceMs: 5000, storeMaxDebounceMs: 30_000 });
  quickServer = await startTestCollabServer({ storeDebounceMs: 100, storeMaxDebounceMs: 1000 });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await quickServer?.stop();
});

/** Connects, types `typed` a character every 20 ms, waits for the acknowledgements. */
async function typeInto(origin: string, documentId: string, typed: string): Promise<TestClient> {
  const client = connectClient(origin, documentId, await tokenFor(owner, documentId, "owner"));
  await waitForSync(client);
  const text = client.document.getText("t");
  for (const char of typed) {
    text.insert(text.length, char);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await waitFor(() => !client.provider.hasUnsyncedChanges, 5000, "acknowledged");
  return client;
}

async function automaticVersionText(documentId: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  let versions = await listVersionSummaries(documentId);
  while (!versions.some((version) => version.kind === "auto")) {
    if (Date.now() > deadline) throw new Error("no automatic version when the last participant left");
    await new Promise((resolve) => setTimeout(resolve, 50));
    versions = await listVersionSummaries(documentId);
  }
  // Newest first.
  const automatic = versions.find((version) => version.kind === "auto");
  expect(automatic?.createdBy?.id).toBe(owner);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await readVersionState(documentId, automatic?.id ?? "")) ?? new Uint8Array());
  return doc.getText("t").toString();
}

async function rows(documentId: string): Promise<number> {
  const found = await (
    await db()
  )
    .select({ seq: documentUpdates.seq })
    .from(documentUpdates)
    .where(and(eq(documentUpdates.documentId, documentId), eq(documentUpdates.part, "content")));
  return found.length;
}

async function snapshotText(documentId: string): Promise<string> {
  const [row] = await (
    await db()
  )
    .select({ state: documentSnapshots.state })
    .from(documentSnapshots)
    .where(and(eq(documentSnapshots.documentId, documentId), eq(documentSnapshots.part, "content")));
  const doc = new Y.Doc();
  if (row) Y.applyUpdate(doc, row.state);
  return doc.getText("t").toString();
}

describe("collaboration persistence hooks", () => {
  it("compacts what people typed into the snapshot and versions it when the last one leaves", async () => {
    const documentId = await createTestDocument(owner);
    const client = await typeInto(server.origin, documentId, "Compte rendu");
    // The store waits (5 s debounce): nothing is compacted yet.
    expect(await rows(documentId)).toBeGreaterThan(0);
    client.destroy();
    expect(await automaticVersionText(documentId)).toBe("Compte rendu");
    // Leaving ran the store: every journal row was folded into the snapshot.
    expect(await rows(documentId)).toBe(0);
    expect(await snapshotText(documentId)).toBe("Compte rendu");
  });

  it("versions the final state at unload when the store had already run before the leave", async () => {
    const documentId = await createTestDocument(owner);
    const client = await typeInto(quickServer.origin, documentId, "Ordre");
    // The first store takes the first version (none existed); the next one is not due for 10 minutes.
    expect(await automaticVersionText(documentId)).toBe("Ordre");
    const text = client.document.getText("t");
    text.insert(text.length, " du jour");
    await waitFor(() => !client.provider.hasUnsyncedChanges, 5000, "acknowledged");
    // The store of " du jour" runs (100 ms debounce) before the participant leaves.
    const deadline = Date.now() + 10_000;
    while ((await snapshotText(documentId)) !== "Ordre du jour") {
      if (Date.now() > deadline) throw new Error("the change was not compacted");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    client.destroy();
    const versionDeadline = Date.now() + 10_000;
    while ((await automaticVersionText(documentId)) !== "Ordre du jour") {
      if (Date.now() > versionDeadline) throw new Error("no version of the final state");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await listVersionSummaries(documentId)).filter((version) => version.kind === "auto")).toHaveLength(2);
  });
});
