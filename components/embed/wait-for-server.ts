/**
 * Resolves true once every local change has reached the collaboration server (both documents
 * synced, nothing pending, connected), false after `timeoutMs`. Save and close wait for it so that
 * the version the vendor gets holds the last keystroke and the last inserted text.
 */
import type { CollabConnection, CollabState } from "@/components/documents/collab/open-collab-connection";

function settled(state: CollabState): boolean {
  return (
    state.synced &&
    state.pendingChanges === 0 &&
    state.error === null &&
    (state.status === "connected" || state.status === "fallback-http")
  );
}

export function waitForServer(connection: CollabConnection, timeoutMs: number): Promise<boolean> {
  if (settled(connection.getState())) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      unsubscribe();
      resolve(false);
    }, timeoutMs);
    const unsubscribe = connection.subscribe((state) => {
      if (!settled(state)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(true);
    });
  });
}
