// Stored collaboration state on both engines: appended updates and snapshots load as one state,
// compaction folds exactly the rows it read (concurrent appends survive), the document row records
// size and editor, and the version store.
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as Y from "yjs";
import { useTestDatabase } from "@/test/support/test-database";
import { db } from "@/server/db/client";
import { documentUpdates, documents } from "@/server/documents/schema";
import {
  appendUpdates,
  appendUpdatesSkippingPurged,
  compactPart,
  loadPartState,
  markDocumentEdited,
  writePartState,
} from "@/server/collab/persistence";
import { insertVersion, latestVersionAt, listVersionSummaries, readVersionState } from "@/server/collab/versions";
import { createTestDocument, createTestUser } from "@/server/collab/testing/collab-test-server";

let owner: string;

beforeAll(async () => {
  await useTestDatabase();
  owner = await createTestUser("Alice");
}, 60_000);

/** Updates typing `text` one character at a time into a document, as an editor would send them. */
function typingUpdates(text: string): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  for (const char of text) doc.getText("t").insert(doc.getText("t").length, char);
  return updates;
}

async function storedText(documentId: string, part: "content" | "comments" = "content"): Promise<string> {
  const state = await loadPartState(documentId, part);
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc.getText("t").toString();
}

async function updateRows(documentId: string): Promise<number> {
  const rows = await (await db()).select().from(documentUpdates).where(eq(documentUpdates.documentId, documentId));
  return rows.length;
}

describe("collaboration persistence", () => {
  it("loads nothing for a document never edited", async () => {
    const documentId = await createTestDocument(owner);
    expect(await loadPartState(documentId, "content")).toBeNull();
  });

  it("loads appended updates, keeps parts apart, and folds them into a snapshot", async () => {
    const documentId = await createTestDocument(owner);
    await appendUpdates(typingUpdates("Bonjour").map((update) => ({ documentId, part: "content", update })));
    await appendUpdates(typingUpdates("note").map((update) => ({ documentId, part: "comments", update })));
    expect(await storedText(documentId)).toBe("Bonjour");
    expect(await storedText(documentId, "comments")).toBe("note");

    const result = await compactPart(documentId, "content");
    expect(result.folded).toBe(7);
    expect(result.sizeBytes).toBeGreaterThan(0);
    expect(await storedText(documentId)).toBe("Bonjour");
    // Only the content's rows were folded; the comments' remain.
    expect(await updateRows(documentId)).toBe(4);
    expect(result.state?.byteLength).toBe(result.sizeBytes);
    const again = await compactPart(documentId, "content");
    expect(again).toMatchObject({ folded: 0, sizeBytes: result.sizeBytes });
    // The snapshot it returns is the stored one (automatic versions are taken from it).
    expect(Buffer.from(again.state ?? new Uint8Array())).toEqual(Buffer.from(result.state ?? new Uint8Array()));
  });

  it("loses nothing when updates are appended while compactions run", async () => {
    const documentId = await createTestDocument(owner);
    const updates = typingUpdates("abcdefghijklmnopqrstuvwxyz0123456789");
    const writes: Promise<unknown>[] = [];
    for (const [index, update] of updates.entries()) {
      writes.push(appendUpdates([{ documentId, part: "content", update }]));
      if (index % 6 === 0) writes.push(compactPart(documentId, "content"));
    }
    await Promise.all(writes);
    expect(await storedText(documentId)).toBe("abcdefghijklmnopqrstuvwxyz0123456789");
    await compactPart(documentId, "content");
    expect(await updateRows(documentId)).toBe(0);
    expect(await storedText(documentId)).toBe("abcdefghijklmnopqrstuvwxyz0123456789");
  });

  it("garbage-collects deleted text when compacting", async () => {
    const documentId = await createTestDocument(owner);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on("update", (update: Uint8Array) => updates.push(update));
    doc.getText("t").insert(0, "x".repeat(50_000));
    doc.getText("t").delete(0, 50_000);
    doc.getText("t").insert(0, "kept");
    await appendUpdates(updates.map((update) => ({ documentId, part: "content", update })));
    const { sizeBytes } = await compactPart(documentId, "content");
    expect(sizeBytes).toBeLessThan(1000);
    expect(await storedText(documentId)).toBe("kept");
  });

  it("replaces a part's state wholesale", async () => {
    const documentId = await createTestDocument(owner);
    await appendUpdates(typingUpdates("old").map((update) => ({ documentId, part: "content", update })));
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "new");
    await writePartState(documentId, "content", Y.encodeStateAsUpdate(doc));
    expect(await storedText(documentId)).toBe("new");
    expect(await updateRows(documentId)).toBe(0);
  });

  it("drops the updates of a document purged meanwhile, and stores the rest of the batch", async () => {
    const kept = await createTestDocument(owner);
    const purged = await createTestDocument(owner);
    await (await db()).delete(documents).where(eq(documents.id, purged));
    const [update] = typingUpdates("k");
    if (!update) throw new Error("no update");
    await appendUpdatesSkippingPurged([
      { documentId: purged, part: "content", update },
      { documentId: kept, part: "content", update },
    ]);
    expect(await storedText(kept)).toBe("k");
    await expect(appendUpdates([{ documentId: purged, part: "content", update }])).rejects.toThrow();
  });

  it("records size, last editor and time on the document", async () => {
    const documentId = await createTestDocument(owner);
    const at = new Date("2026-01-02T03:04:05Z");
    await markDocumentEdited(documentId, { editorId: owner, sizeBytes: 1234, at });
    const [row] = await (await db()).select().from(documents).where(eq(documents.id, documentId));
    expect(row).toMatchObject({ sizeBytes: 1234, lastEditedBy: owner, updatedAt: at });
  });

  it("stores versions and lists them newest first with their author", async () => {
    const documentId = await createTestDocument(owner);
    expect(await latestVersionAt(documentId)).toBeNull();
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "v1");
    const first = await insertVersion({
      documentId,
      kind: "auto",
      name: null,
      state: Y.encodeStateAsUpdate(doc),
      createdBy: null,
    });
    doc.getText("t").insert(2, "+");
    const second = await insertVersion({
      documentId,
      kind: "named",
      name: "Avant relecture",
      state: Y.encodeStateAsUpdate(doc),
      createdBy: owner,
    });
    const list = await listVersionSummaries(documentId);
    expect(list.map((version) => version.id)).toEqual([second.id, first.id]);
    expect(list[0]).toMatchObject({
      kind: "named",
      name: "Avant relecture",
      createdBy: { id: owner, displayName: "Alice" },
    });
    const state = await readVersionState(documentId, first.id);
    const copy = new Y.Doc();
    if (state) Y.applyUpdate(copy, state);
    expect(copy.getText("t").toString()).toBe("v1");
    // A version id of another document reads as nothing.
    const other = await createTestDocument(owner);
    expect(await readVersionState(other, first.id)).toBeNull();
    expect(await latestVersionAt(documentId)).not.toBeNull();
  });
});
