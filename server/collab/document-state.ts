/**
 * The server-side API to a document's content, for the rest of the portal (templates, import,
 * export, version history):
 *
 *   readDocumentJson(id)                       current content as tiptap JSON
 *   replaceDocumentContent(id, json, actorId)  one new change everyone connected sees
 *   createNamedVersion / listVersions / readVersionJson / restoreVersion
 *
 * Where the collaboration server runs in this process (the portal), changes go through the live
 * document (Hocuspocus direct connection): people editing see them at once, the change is stored
 * like theirs, and with Redis it reaches the other processes too. Elsewhere (a script, a test
 * without the server) they are applied to the stored state as an appended update, which the next
 * load picks up. Authorisation is the caller's (server/documents/access.ts).
 */
import "server-only";
import type { JSONContent } from "@tiptap/core";
import * as Y from "yjs";
import type { CollabContext } from "@/server/collab/collab-context";
import { getCollabRuntime } from "@/server/collab/collab-runtime";
import { contentJson, validateContentJson, writeContentJson } from "@/server/collab/document-content";
import { documentName } from "@/server/collab/document-names";
import { appendUpdates, loadPartState, markDocumentEdited } from "@/server/collab/persistence";
import { insertVersion, listVersionSummaries, readVersionState, type VersionSummary } from "@/server/collab/versions";
import { AppError } from "@/server/errors";

export type { VersionSummary } from "@/server/collab/versions";

async function storedContent(documentId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const state = await loadPartState(documentId, "content");
  if (state) Y.applyUpdate(doc, state);
  return doc;
}

/** Runs `work` on the live content document (loading it if needed), or on the stored state. */
async function withContent<T>(
  documentId: string,
  actorId: string | null,
  work: (doc: Y.Doc, transact: (change: () => void) => void) => T,
): Promise<T> {
  const runtime = getCollabRuntime();
  if (runtime) {
    const context: Partial<CollabContext> = actorId ? { userId: actorId, documentId, part: "content" } : {};
    const connection = await runtime.server.hocuspocus.openDirectConnection(
      documentName(documentId),
      context as CollabContext,
    );
    try {
      const doc = connection.document;
      if (!doc) throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "document could not be opened" });
      let result: T | undefined;
      let ran = false;
      await connection.transact((live) => {
        result = work(live, (change) => change());
        ran = true;
      });
      if (!ran) throw new Error("transaction did not run");
      return result as T;
    } finally {
      await connection.disconnect();
    }
  }
  const doc = await storedContent(documentId);
  try {
    const before = Y.encodeStateVector(doc);
    const result = work(doc, (change) => doc.transact(change));
    const update = Y.encodeStateAsUpdate(doc, before);
    // An empty update is two bytes: nothing changed.
    if (update.byteLength > 2) {
      await appendUpdates([{ documentId, part: "content", update }]);
      await markDocumentEdited(documentId, { editorId: actorId, sizeBytes: Y.encodeStateAsUpdate(doc).byteLength });
    }
    return result;
  } finally {
    doc.destroy();
  }
}

/** The current content of a document as tiptap JSON. */
async function readDocumentJsonHere(documentId: string): Promise<JSONContent> {
  const runtime = getCollabRuntime();
  const live = runtime?.server.hocuspocus.documents.get(documentName(documentId));
  if (live) return contentJson(live);
  const doc = await storedContent(documentId);
  try {
    return contentJson(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Replaces the content with `json` (checked against the document schema: a 400 when it does not
 * fit) as one change, attributed to `actorId`.
 */
async function replaceDocumentContentHere(documentId: string, json: unknown, actorId: string | null): Promise<void> {
  const content = validateContentJson(json);
  await withContent(documentId, actorId, (doc, transact) => transact(() => writeContentJson(doc, content)));
}

/** Stores the current content as a named version. */
async function createNamedVersionHere(documentId: string, name: string, actorId: string): Promise<VersionSummary> {
  const state = await withContent(documentId, null, (doc) => Y.encodeStateAsUpdate(doc));
  return insertVersion({ documentId, kind: "named", name, state, createdBy: actorId });
}

export function listVersions(documentId: string): Promise<VersionSummary[]> {
  return listVersionSummaries(documentId);
}

/** A past version's content as tiptap JSON, or null when it is not a version of this document. */
export async function readVersionJson(documentId: string, versionId: string): Promise<JSONContent | null> {
  const state = await readVersionState(documentId, versionId);
  if (!state) return null;
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return contentJson(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * Makes a past version the current content: the current content is kept as a `before-restore`
 * version first, then the past content is written as one new change that everyone sees (history
 * is never rewritten). Returns false when the version does not belong to the document.
 */
async function restoreVersionHere(documentId: string, versionId: string, actorId: string): Promise<boolean> {
  const past = await readVersionJson(documentId, versionId);
  if (!past) return false;
  await withContent(documentId, actorId, (doc, transact) => {
    const current = Y.encodeStateAsUpdate(doc);
    transact(() => writeContentJson(doc, past));
    return current;
  }).then((current) =>
    insertVersion({ documentId, kind: "before-restore", name: null, state: current, createdBy: actorId }),
  );
  return true;
}

/**
 * The operations that touch a live document. Why they go through the runtime: Next's bundles and
 * the portal's own server evaluate this module (and Yjs) separately in one process, and Yjs refuses
 * types made by another copy of itself ("Unexpected content type"). The process running the
 * collaboration server registers its own copy (server/collab/collab-service.ts); callers in Next's
 * bundles then run that copy, passing and getting plain JSON only.
 */
export interface LiveDocumentOperations {
  readDocumentJson(documentId: string): Promise<JSONContent>;
  replaceDocumentContent(documentId: string, json: unknown, actorId: string | null): Promise<void>;
  createNamedVersion(documentId: string, name: string, actorId: string): Promise<VersionSummary>;
  restoreVersion(documentId: string, versionId: string, actorId: string): Promise<boolean>;
}

export const LIVE_DOCUMENT_OPERATIONS: LiveDocumentOperations = {
  readDocumentJson: readDocumentJsonHere,
  replaceDocumentContent: replaceDocumentContentHere,
  createNamedVersion: createNamedVersionHere,
  restoreVersion: restoreVersionHere,
};

function operations(): LiveDocumentOperations {
  return getCollabRuntime()?.documentOperations ?? LIVE_DOCUMENT_OPERATIONS;
}

/** The current content of a document as tiptap JSON. */
export function readDocumentJson(documentId: string): Promise<JSONContent> {
  return operations().readDocumentJson(documentId);
}

/**
 * Replaces the content with `json` (checked against the document schema: a 400 when it does not
 * fit) as one change, attributed to `actorId`.
 */
export function replaceDocumentContent(documentId: string, json: unknown, actorId: string | null): Promise<void> {
  return operations().replaceDocumentContent(documentId, json, actorId);
}

/** Stores the current content as a named version. */
export function createNamedVersion(documentId: string, name: string, actorId: string): Promise<VersionSummary> {
  return operations().createNamedVersion(documentId, name, actorId);
}

/** Makes a past version the current content as a new change (see restoreVersionHere). */
export function restoreVersion(documentId: string, versionId: string, actorId: string): Promise<boolean> {
  return operations().restoreVersion(documentId, versionId, actorId);
}
