/**
 * Persistence of the collaboration server (Hocuspocus hooks), over persistence.ts:
 *
 * - load: a part's snapshot plus the updates appended since, applied in one transaction;
 * - every change to a loaded document (a client's update, a server-side change) goes to the
 *   update journal at once — before the client's acknowledgement leaves (durable-ack-socket.ts);
 *   changes relayed from another process through Redis are not stored again (their own process
 *   stored them before acknowledging);
 * - store (Hocuspocus debounces it, and runs it when the last participant leaves): fold the
 *   updates into the snapshot — the Yjs work in the compaction thread (folding-thread.ts), so
 *   that the event loop relaying keystrokes does not stall on it, one document at a time —,
 *   record the size, last editor and time on the document, and take an automatic version (the
 *   compacted state) at most every `autoVersionIntervalMs` of editing and when the last
 *   participant leaves (or, when the store had already run, as the document is unloaded).
 * The approximate size of every loaded document is kept for the size limit (limits-extension.ts).
 */
import "server-only";
import type {
  Document,
  Extension,
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  beforeUnloadDocumentPayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from "@hocuspocus/server";
import * as Y from "yjs";
import type { CollabContext } from "@/server/collab/collab-context";
import { parseDocumentName, type DocumentAddress } from "@/server/collab/document-names";
import { applyUpdates } from "@/server/collab/fold-updates";
import { createFoldingThread } from "@/server/collab/folding-thread";
import { compactPart, loadPartUpdates, markDocumentEdited, type CompactionResult } from "@/server/collab/persistence";
import type { UpdateJournal } from "@/server/collab/update-journal";
import { insertVersion, latestVersionAt } from "@/server/collab/versions";

interface LoadedState {
  address: DocumentAddress;
  /** Stored size at load plus the size of every update since: an upper bound of the real size. */
  approxBytes: number;
  /** Changed since the last store (so a store with no change writes nothing). */
  changedSinceStore: boolean;
  /** Changed since the last version was taken. */
  changedSinceVersion: boolean;
  lastVersionAt: number;
  lastEditorId: string | null;
}

export interface PersistenceExtension extends Extension {
  /** Approximate stored size of a loaded document (0 when not loaded here). */
  approximateSize(documentName: string): number;
}

function editorOf(origin: unknown): string | null {
  if (typeof origin !== "object" || origin === null || !("source" in origin)) return null;
  const typed = origin as { source: string; connection?: { context?: Partial<CollabContext> }; context?: unknown };
  if (typed.source === "connection") return typed.connection?.context?.userId ?? null;
  if (typed.source === "local") {
    const context = typed.context as Partial<CollabContext> | undefined;
    return context?.userId ?? null;
  }
  return null;
}

function fromRedis(origin: unknown): boolean {
  return typeof origin === "object" && origin !== null && (origin as { source?: unknown }).source === "redis";
}

export function createPersistenceExtension(options: {
  journal: UpdateJournal;
  autoVersionIntervalMs: number;
  onError: (error: unknown, documentName: string) => void;
}): PersistenceExtension {
  const loaded = new Map<string, LoadedState>();
  const folding = createFoldingThread();

  /**
   * Compactions run one at a time: Hocuspocus fires the stores of documents opened together at
   * the same moment (its maximum debounce), and fifty compaction transactions at once would hold
   * every database connection while they wait for the compaction thread — the journal's INSERTs,
   * which acknowledgements wait for, would queue behind them.
   */
  let compactions: Promise<unknown> = Promise.resolve();
  const compactInTurn = (address: DocumentAddress): Promise<CompactionResult> => {
    const run = compactions.then(() => compactPart(address.documentId, address.part, folding.fold));
    compactions = run.catch(() => undefined);
    return run;
  };

  /** `stored`: the state compaction just wrote (it holds every change this process made). */
  const takeAutomaticVersion = async (
    state: LoadedState,
    document: Document,
    stored: Uint8Array | null,
  ): Promise<void> => {
    state.changedSinceVersion = false;
    state.lastVersionAt = Date.now();
    await insertVersion({
      documentId: state.address.documentId,
      kind: "auto",
      name: null,
      // Not re-encoding the live document: for a large one that is tens of milliseconds on the
      // thread that relays keystrokes.
      state: stored ?? Y.encodeStateAsUpdate(document),
      createdBy: state.lastEditorId,
    });
  };

  return {
    extensionName: "portal-persistence",

    approximateSize: (documentName) => loaded.get(documentName)?.approxBytes ?? 0,

    async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
      const address = parseDocumentName(documentName);
      if (!address) throw new Error("not a document name");
      const stored = await loadPartUpdates(address.documentId, address.part);
      applyUpdates(document, stored);
      const versionAt = address.part === "content" ? await latestVersionAt(address.documentId) : null;
      loaded.set(documentName, {
        address,
        approxBytes: stored.reduce((total, update) => total + update.byteLength, 0),
        changedSinceStore: false,
        changedSinceVersion: false,
        lastVersionAt: versionAt?.getTime() ?? 0,
        lastEditorId: null,
      });
    },

    async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
      const state = loaded.get(documentName);
      if (!state) return;
      document.on("update", (update: Uint8Array, origin: unknown) => {
        state.approxBytes += update.byteLength;
        if (fromRedis(origin)) return;
        options.journal.append({ documentId: state.address.documentId, part: state.address.part, update });
        state.changedSinceStore = true;
        state.changedSinceVersion = true;
        state.lastEditorId = editorOf(origin) ?? state.lastEditorId;
      });
    },

    async onStoreDocument({ documentName, document, clientsCount }: onStoreDocumentPayload): Promise<void> {
      const state = loaded.get(documentName);
      if (!state) return;
      try {
        await options.journal.flush();
        const { folded, sizeBytes, state: stored } = await compactInTurn(state.address);
        state.approxBytes = Math.max(sizeBytes, 0);
        if (state.address.part !== "content") return;
        if (state.changedSinceStore || folded > 0) {
          state.changedSinceStore = false;
          await markDocumentEdited(state.address.documentId, { editorId: state.lastEditorId, sizeBytes });
        }
        const due = Date.now() - state.lastVersionAt >= options.autoVersionIntervalMs;
        if (state.changedSinceVersion && (due || clientsCount === 0))
          await takeAutomaticVersion(state, document, stored);
      } catch (error: unknown) {
        options.onError(error, documentName);
        // Hocuspocus keeps the document in memory when a store fails, and retries on the next change.
        throw error;
      }
    },

    /**
     * The last participant left after the last store had run (they paused before leaving), so no
     * store ran at the leave: the version of the final state is taken here. Nobody is connected to
     * this document any more, so encoding it delays no one's keystrokes on it.
     */
    async beforeUnloadDocument({ documentName, document }: beforeUnloadDocumentPayload): Promise<void> {
      const state = loaded.get(documentName);
      if (!state || state.address.part !== "content" || !state.changedSinceVersion) return;
      try {
        await takeAutomaticVersion(state, document, null);
      } catch (error: unknown) {
        // The content itself is stored; only this version is missing. Unloading goes on.
        options.onError(error, documentName);
      }
    },

    async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
      loaded.delete(documentName);
    },

    async onDestroy(): Promise<void> {
      await folding.close();
    },
  };
}
