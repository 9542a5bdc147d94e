// The compaction thread of a collaboration process (folding-thread.ts): folds a part's snapshot
// and its appended updates (fold-updates.ts) away from the event loop that relays keystrokes —
// re-reading a large document and thousands of updates takes tens of milliseconds, a visible
// hiccup for everyone typing. Plain JavaScript because a worker starts without the parent's
// TypeScript loader: it loads the TypeScript module through tsx's API.
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const { foldUpdates } = await tsImport("./fold-updates.ts", import.meta.url);

parentPort.on("message", ({ id, snapshot, updates }) => {
  try {
    const state = foldUpdates(snapshot, updates);
    parentPort.postMessage({ id, state }, [state.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message) });
  }
});
