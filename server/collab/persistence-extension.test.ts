// Integration: the collaboration server's persistence hooks (persistence-extension.ts) with the
// official provider, on a fresh database: compaction in the compaction thread folds what people
// typed into the snapshot, and the automatic version taken when the last participant leaves holds
// that content (it is taken from the compacted state, not re-encoded from the live document).
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
  type TestCollabServer,
} from "@/server/collab/testing/collab-test-server";

let server: TestCollabServer;
let owner: string;

beforeAll(async () => {
  await useTestDatabase();
  owner = await createTestUser("Alice");
  // The store (compaction) still waits when the participant leaves: leaving runs it at once.
  server = await startTestCollabServer({ storeDebounceMs: 5000, storeMaxDebounceMs: 30_000 });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

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
    const client = connectClient(server.origin, documentId, await tokenFor(owner, documentId, "owner"));
    await waitForSync(client);
    const text = client.document.getText("t");
    for (const char of "Compte rendu") {
      text.insert(text.length, char);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await waitFor(() => !client.provider.hasUnsyncedChanges, 5000, "acknowledged");
    expect(await rows(documentId)).toBeGreaterThan(0);

    client.destroy();
    const deadline = Date.now() + 10_000;
    let versions = await listVersionSummaries(documentId);
    while (!versions.some((version) => version.kind === "auto")) {
      if (Date.now() > deadline) throw new Error("no automatic version when the last participant left");
      await new Promise((resolve) => setTimeout(resolve, 50));
      versions = await listVersionSummaries(documentId);
    }
    // Every journal row was folded into the snapshot.
    expect(await rows(documentId)).toBe(0);
    expect(await snapshotText(documentId)).toBe("Compte rendu");
    const automatic = versions.find((version) => version.kind === "auto");
    expect(automatic?.createdBy?.id).toBe(owner);
    const state = await readVersionState(documentId, automatic?.id ?? "");
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state ?? new Uint8Array());
    expect(doc.getText("t").toString()).toBe("Compte rendu");
  });
});
