/**
 * Stored collaboration state, per document part (content, comments): a compacted snapshot plus
 * the updates appended since, in the database.
 *
 * Why append-only updates: an update is stored before the server acknowledges it (see
 * update-journal.ts), which a debounced whole-document save cannot promise; inserts from several
 * collaboration processes never conflict. Compaction folds the updates into the snapshot under a
 * transaction-scoped advisory lock per part, and deletes exactly the rows it folded — never "every
 * row up to a sequence number", because a row with a lower number may commit later than one with
 * a higher number. Loading reads the snapshot and every remaining update (Yjs updates are
 * idempotent and commutative, so a row that was folded and re-read does no harm).
 */
import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { foldInThisThread, foldUpdates, type Fold } from "@/server/collab/fold-updates";
import { db } from "@/server/db/client";
import { documentSnapshots, documentUpdates, documents, type DocumentPart } from "@/server/documents/schema";

export interface PendingUpdate {
  documentId: string;
  part: DocumentPart;
  update: Uint8Array;
}

/** The stored snapshot of a part and the updates appended since, oldest first (empty: never stored). */
export async function loadPartUpdates(documentId: string, part: DocumentPart): Promise<Uint8Array[]> {
  const [snapshot] = await (
    await db()
  )
    .select({ state: documentSnapshots.state })
    .from(documentSnapshots)
    .where(and(eq(documentSnapshots.documentId, documentId), eq(documentSnapshots.part, part)));
  const updates = await (
    await db()
  )
    .select({ update: documentUpdates.update })
    .from(documentUpdates)
    .where(and(eq(documentUpdates.documentId, documentId), eq(documentUpdates.part, part)))
    .orderBy(asc(documentUpdates.seq));
  return [...(snapshot ? [snapshot.state] : []), ...updates.map((row) => row.update)];
}

/** The stored state of a part as one Yjs update, or null when nothing was ever stored. */
export async function loadPartState(documentId: string, part: DocumentPart): Promise<Uint8Array | null> {
  const all = await loadPartUpdates(documentId, part);
  if (all.length === 0) return null;
  const [only] = all;
  return all.length === 1 && only ? only : foldUpdates(null, all);
}

/**
 * Appends updates in one statement (the journal batches them). Three array parameters whatever the
 * batch size, rather than drizzle's insert builder: building a multi-row insert costs drizzle a
 * few type checks per value, which at 2,500 keystrokes a second was a tenth of the collaboration
 * server's CPU. The bytes travel as hex text (decoded by PostgreSQL): both drivers (node-postgres,
 * PGlite) pass a text array the same way.
 */
export async function appendUpdates(updates: readonly PendingUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  const ids: string[] = [];
  const parts: string[] = [];
  const hexes: string[] = [];
  for (const { documentId, part, update } of updates) {
    ids.push(documentId);
    parts.push(part);
    hexes.push(Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString("hex"));
  }
  await (
    await db()
  ).execute(
    sql`insert into ${documentUpdates} (document_id, part, update)
        select batch.document_id, batch.part, decode(batch.update_hex, 'hex')
        from unnest(${sql.param(ids)}::uuid[], ${sql.param(parts)}::text[], ${sql.param(hexes)}::text[])
          as batch(document_id, part, update_hex)`,
  );
}

/**
 * Like appendUpdates, but a document purged from the database meanwhile (its rows would violate
 * the foreign key and fail the whole batch, everyone's acknowledgements with it) has its updates
 * dropped: there is nothing left to store them for.
 */
export async function appendUpdatesSkippingPurged(updates: readonly PendingUpdate[]): Promise<void> {
  try {
    await appendUpdates(updates);
  } catch (error: unknown) {
    const failure = error as { code?: string; cause?: { code?: string } };
    if ((failure.code ?? failure.cause?.code) !== "23503") throw error;
    const ids = [...new Set(updates.map((update) => update.documentId))];
    const database = await db();
    const existing = await database.select({ id: documents.id }).from(documents).where(inArray(documents.id, ids));
    const kept = new Set(existing.map((row) => row.id));
    await appendUpdates(updates.filter((update) => kept.has(update.documentId)));
  }
}

export interface CompactionResult {
  /** Updates folded into the snapshot by this run. */
  folded: number;
  /** Size of the snapshot after the run, in bytes. */
  sizeBytes: number;
  /** The snapshot after the run (null: nothing was ever stored). */
  state: Uint8Array | null;
}

/**
 * Folds the part's appended updates into its snapshot. Safe to run from several processes at
 * once: each run holds a lock for the part for the length of its transaction.
 */
export async function compactPart(
  documentId: string,
  part: DocumentPart,
  /** Where the Yjs work runs: the collaboration server passes its compaction thread (folding-thread.ts). */
  fold: Fold = foldInThisThread,
): Promise<CompactionResult> {
  return (await db()).transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`collab:${documentId}:${part}`}, 0))`);
    const [snapshot] = await tx
      .select({ state: documentSnapshots.state })
      .from(documentSnapshots)
      .where(and(eq(documentSnapshots.documentId, documentId), eq(documentSnapshots.part, part)));
    const rows = await tx
      .select({ seq: documentUpdates.seq, update: documentUpdates.update })
      .from(documentUpdates)
      .where(and(eq(documentUpdates.documentId, documentId), eq(documentUpdates.part, part)))
      .orderBy(asc(documentUpdates.seq));
    if (rows.length === 0) {
      return { folded: 0, sizeBytes: snapshot?.state.byteLength ?? 0, state: snapshot?.state ?? null };
    }
    const state = await fold(
      snapshot?.state ?? null,
      rows.map((row) => row.update),
    );
    await tx
      .insert(documentSnapshots)
      .values({ documentId, part, state, revision: 1 })
      .onConflictDoUpdate({
        target: [documentSnapshots.documentId, documentSnapshots.part],
        set: { state, revision: sql`${documentSnapshots.revision} + 1`, updatedAt: new Date() },
      });
    // One array parameter, not one parameter per row (drizzle builds those one by one).
    const seqs = rows.map((row) => row.seq);
    await tx.execute(sql`delete from ${documentUpdates} where seq = any(${sql.param(seqs)}::bigint[])`);
    return { folded: rows.length, sizeBytes: state.byteLength, state };
  });
}

/** Replaces a part's stored state wholesale (a document created with content, before anyone opened it). */
export async function writePartState(documentId: string, part: DocumentPart, state: Uint8Array): Promise<void> {
  await (
    await db()
  ).transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`collab:${documentId}:${part}`}, 0))`);
    await tx
      .delete(documentUpdates)
      .where(and(eq(documentUpdates.documentId, documentId), eq(documentUpdates.part, part)));
    await tx
      .insert(documentSnapshots)
      .values({ documentId, part, state, revision: 1 })
      .onConflictDoUpdate({
        target: [documentSnapshots.documentId, documentSnapshots.part],
        set: { state, revision: sql`${documentSnapshots.revision} + 1`, updatedAt: new Date() },
      });
  });
}

/** Records who changed the content last, when, and the stored size (lists, limits). */
export async function markDocumentEdited(
  documentId: string,
  change: { editorId: string | null; sizeBytes: number; at?: Date },
): Promise<void> {
  await (
    await db()
  )
    .update(documents)
    .set({
      updatedAt: change.at ?? new Date(),
      sizeBytes: change.sizeBytes,
      ...(change.editorId ? { lastEditedBy: change.editorId } : {}),
    })
    .where(eq(documents.id, documentId));
}

/** The row a collaboration connection needs: null when the document does not exist or is deleted. */
export async function documentExists(documentId: string): Promise<boolean> {
  const rows = await (
    await db()
  )
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.id, documentId), sql`${documents.deletedAt} is null`))
    .limit(1);
  return rows.length > 0;
}
