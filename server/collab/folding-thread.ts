/**
 * One worker thread per collaboration process that folds parts for compaction (fold-worker.mjs),
 * so that the event loop relaying keystrokes never stalls on it. Started on first use, kept for
 * the life of the process without holding it open (unref); if the thread dies, the folds waiting
 * on it fail (the compaction is retried on the next store: the updates are still in the journal)
 * and the next fold starts a new thread.
 */
import "server-only";
import { Worker } from "node:worker_threads";
import type { Fold } from "@/server/collab/fold-updates";

export interface FoldingThread {
  fold: Fold;
  close(): Promise<void>;
}

type Answer = { id: number; state: Uint8Array } | { id: number; error: string };

export function createFoldingThread(): FoldingThread {
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (state: Uint8Array) => void; reject: (error: Error) => void }>();

  const failAll = (error: Error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };

  const start = (): Worker => {
    const started = new Worker(new URL("./fold-worker.mjs", import.meta.url), { stdout: false, stderr: false });
    started.unref();
    started.on("message", (answer: Answer) => {
      const pending = waiting.get(answer.id);
      if (!pending) return;
      waiting.delete(answer.id);
      if ("state" in answer) pending.resolve(answer.state);
      else pending.reject(new Error(`folding a document failed: ${answer.error}`));
    });
    started.on("error", (error) => {
      if (worker === started) worker = null;
      failAll(error);
    });
    started.on("exit", (code) => {
      if (worker === started) worker = null;
      failAll(new Error(`the compaction thread exited with ${code}`));
    });
    return started;
  };

  return {
    fold(snapshot, updates) {
      worker ??= start();
      const id = nextId++;
      const target = worker;
      return new Promise<Uint8Array>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        // Copied, not transferred: the driver's buffers may share memory with others.
        target.postMessage({ id, snapshot, updates });
      });
    },
    async close() {
      const running = worker;
      worker = null;
      if (running) await running.terminate();
    },
  };
}
