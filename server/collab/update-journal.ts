/**
 * The write-ahead journal of the collaboration server: every update a client sends is appended
 * to the database before the server acknowledges it, so an acknowledged update survives a SIGKILL.
 *
 * Why batched: at 50 documents × 10 people typing, one INSERT per keystroke would cost more CPU
 * than the collaboration itself. Updates that arrive while an INSERT is in flight are written by
 * the next one, in one statement, and one write starts at most every batch window (5 ms: at most
 * 200 INSERTs a second whatever the load — back to back, a fast database would take one per
 * round trip, a millisecond, and cost the server a tenth of its CPU). Acknowledgements wait for
 * `whenDurable()` (client-socket.ts), at most a window and a write; the relay of an update to the
 * other participants does not wait.
 */
import "server-only";
import type { PendingUpdate } from "@/server/collab/persistence";

export interface UpdateJournal {
  /** Queues an update for the next write. */
  append(update: PendingUpdate): void;
  /** Resolves once everything appended so far is stored; rejects if that write failed. */
  whenDurable(): Promise<void>;
  /** Writes what is queued now and waits for every write in flight. */
  flush(): Promise<void>;
  /** Updates appended and not yet stored (diagnostics, tests). */
  pending(): number;
}

export function createUpdateJournal(
  write: (updates: readonly PendingUpdate[]) => Promise<void>,
  onError: (error: unknown) => void,
  /**
   * How long the first update of a batch waits for others (0: the end of the current turn of the
   * event loop). A few milliseconds turn thousands of INSERTs a second into a few hundred; only
   * the acknowledgement waits, never the relay to the other participants.
   */
  batchWindowMs = 0,
): UpdateJournal {
  let queue: PendingUpdate[] = [];
  /** Settles when the queue's current contents are stored. */
  let queued: { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | null = null;
  let inFlight: Promise<void> | null = null;
  /** Settles when the write in flight is stored (rejects when it failed). */
  let inFlightDurable: Promise<void> | null = null;
  /** When the last write started (performance.now()): the next one waits for the window to pass. */
  let lastStart = Number.NEGATIVE_INFINITY;
  let paced: NodeJS.Timeout | null = null;

  const deferred = () => {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A rejection nobody awaits must not crash the process; callers that await still see it.
    promise.catch(() => undefined);
    return { promise, resolve, reject };
  };

  /** `force`: now, without waiting for the window since the last write (flush). */
  const startWrite = (force = false): void => {
    if (inFlight || queue.length === 0 || !queued) return;
    const wait = lastStart + batchWindowMs - performance.now();
    if (!force && wait > 0) {
      paced ??= setTimeout(() => {
        paced = null;
        startWrite();
      }, wait);
      return;
    }
    if (paced) {
      clearTimeout(paced);
      paced = null;
    }
    const batch = queue;
    const done = queued;
    queue = [];
    queued = null;
    lastStart = performance.now();
    inFlightDurable = done.promise;
    inFlight = (async () => {
      try {
        await write(batch);
        done.resolve();
      } catch (error: unknown) {
        onError(error);
        done.reject(error);
      } finally {
        inFlight = null;
        inFlightDurable = null;
        // What arrived meanwhile goes out once the window since this write's start has passed.
        startWrite();
      }
    })();
  };

  return {
    append(update) {
      queue.push(update);
      if (!queued) {
        queued = deferred();
        // Let the updates of this turn of the event loop (or of the window) join the batch.
        if (batchWindowMs > 0) setTimeout(() => startWrite(), batchWindowMs);
        else setImmediate(() => startWrite());
      }
    },
    whenDurable() {
      if (queued) return queued.promise;
      return inFlightDurable ?? Promise.resolve();
    },
    async flush() {
      while (queued || inFlight) {
        const waitFor = queued?.promise ?? inFlight;
        startWrite(true);
        await waitFor?.catch(() => undefined);
      }
    },
    pending: () => queue.length,
  };
}
