/**
 * The collaboration server of this process, where every caller finds it. A globalThis slot
 * because the portal's own server (which starts it, server/http/server-extensions.ts) and Next's
 * bundles (routes that restore a version, remove a share…) evaluate this module separately in
 * one process, like the database handle (server/db/client.ts).
 */
import "server-only";
import type { CollabServer } from "@/server/collab/collab-server";
import type { ClusterBus } from "@/server/collab/cluster-bus";
import type { LiveDocumentOperations } from "@/server/collab/document-state";

export interface CollabRuntime {
  server: CollabServer;
  /** Present when REDIS_URL is set (several collaboration processes). */
  bus: ClusterBus | null;
  /** Delivers upstream messages to a fallback connection held here; false when it is not here. */
  deliverFallback(connectionId: string, body: Uint8Array): boolean;
  /** This process's own document operations, for callers in Next's bundles (see document-state.ts). */
  documentOperations: LiveDocumentOperations;
}

const holder = globalThis as typeof globalThis & { __portalCollab?: CollabRuntime };

export function getCollabRuntime(): CollabRuntime | undefined {
  return holder.__portalCollab;
}

export function setCollabRuntime(runtime: CollabRuntime | undefined): void {
  holder.__portalCollab = runtime;
}
