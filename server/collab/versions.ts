/**
 * Stored versions of a document's content: automatic ones taken by the collaboration server, named
 * ones a person asks for, and the state just before a restore (so a restore can be undone).
 */
import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { users } from "@/server/db/schema";
import { documentVersions } from "@/server/documents/schema";

export type VersionKind = "auto" | "named" | "before-restore";

export interface VersionSummary {
  id: string;
  kind: VersionKind;
  name: string | null;
  sizeBytes: number;
  createdAt: string;
  createdBy: { id: string; displayName: string } | null;
}

export async function insertVersion(input: {
  documentId: string;
  kind: VersionKind;
  name: string | null;
  state: Uint8Array;
  createdBy: string | null;
}): Promise<VersionSummary> {
  const [row] = await (
    await db()
  )
    .insert(documentVersions)
    .values({
      documentId: input.documentId,
      kind: input.kind,
      name: input.name,
      state: input.state,
      sizeBytes: input.state.byteLength,
      createdBy: input.createdBy,
    })
    .returning({ id: documentVersions.id, createdAt: documentVersions.createdAt });
  if (!row) throw new Error("version insert returned no row");
  return {
    id: row.id,
    kind: input.kind,
    name: input.name,
    sizeBytes: input.state.byteLength,
    createdAt: row.createdAt.toISOString(),
    createdBy: null,
  };
}

/** Newest first. */
export async function listVersionSummaries(documentId: string, limit = 200): Promise<VersionSummary[]> {
  const rows = await (
    await db()
  )
    .select({
      id: documentVersions.id,
      kind: documentVersions.kind,
      name: documentVersions.name,
      sizeBytes: documentVersions.sizeBytes,
      createdAt: documentVersions.createdAt,
      createdById: documentVersions.createdBy,
      createdByName: users.displayName,
    })
    .from(documentVersions)
    .leftJoin(users, eq(users.id, documentVersions.createdBy))
    .where(eq(documentVersions.documentId, documentId))
    .orderBy(desc(documentVersions.createdAt))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    name: row.name,
    sizeBytes: row.sizeBytes,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdById ? { id: row.createdById, displayName: row.createdByName ?? "" } : null,
  }));
}

/** A version's stored Yjs state, or null when it is not a version of this document. */
export async function readVersionState(documentId: string, versionId: string): Promise<Uint8Array | null> {
  const [row] = await (
    await db()
  )
    .select({ state: documentVersions.state })
    .from(documentVersions)
    .where(and(eq(documentVersions.id, versionId), eq(documentVersions.documentId, documentId)))
    .limit(1);
  return row?.state ?? null;
}

/** When the latest version of the document was taken (automatic versions are spaced from it). */
export async function latestVersionAt(documentId: string): Promise<Date | null> {
  const [row] = await (
    await db()
  )
    .select({ createdAt: documentVersions.createdAt })
    .from(documentVersions)
    .where(eq(documentVersions.documentId, documentId))
    .orderBy(desc(documentVersions.createdAt))
    .limit(1);
  return row?.createdAt ?? null;
}
