/**
 * Folds a part's stored snapshot and the updates appended since into one Yjs update: the work of
 * compaction and of loading (persistence.ts). Pure — no database, no `server-only` — so that it
 * also runs in the compaction thread (fold-worker.mjs).
 *
 * Through a Y.Doc rather than Y.mergeUpdates: the document garbage-collects deleted content (a
 * text written and erased does not keep growing), and applying the updates in ONE transaction is
 * many times cheaper than mergeUpdates over thousands of keystrokes from ten people, or than one
 * transaction (and its cleanup) per update.
 */
import * as Y from "yjs";

/** Folding as compaction calls it: in this thread (foldInThisThread) or in the compaction thread. */
export type Fold = (snapshot: Uint8Array | null, updates: readonly Uint8Array[]) => Promise<Uint8Array>;

export const foldInThisThread: Fold = async (snapshot, updates) => foldUpdates(snapshot, updates);

/** Applies `updates` to `doc` in one transaction. */
export function applyUpdates(doc: Y.Doc, updates: readonly Uint8Array[], origin?: unknown): void {
  if (updates.length === 0) return;
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update);
  }, origin);
}

/** The state of `snapshot` (if any) plus `updates`, as one update. */
export function foldUpdates(snapshot: Uint8Array | null, updates: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    applyUpdates(doc, snapshot ? [snapshot, ...updates] : updates);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
