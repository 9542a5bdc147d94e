/**
 * The one way new content becomes a file in the local adapter, shared by single writes, completed
 * uploads and version restores: in one transaction, lock the path, apply the overwrite/If-Match
 * rules, keep the replaced content as a version (at most MAX_VERSIONS_PER_FILE per file, oldest
 * dropped), point the node at the new blob with a new ETag. Until that commit the new blob is
 * unreachable, so a failed or cut write changes nothing a reader can see.
 */
import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { baseName, parentOf } from "@/server/files/paths";
import { fileNodes, fileVersions } from "@/server/files/schema";
import type { FileEntry, UserPath, WriteOptions } from "@/server/files/storage";
import type { BlobStore } from "@/server/files/local/blob-store";
import {
  alreadyExists,
  contentTypeOf,
  findLive,
  foldName,
  isUniqueViolation,
  liveNode,
  newEtag,
  requireFolder,
  toEntry,
  touchFolder,
  type Executor,
  type NodeRow,
} from "@/server/files/local/tree";

/**
 * Past contents kept per file. Twenty covers a day of hourly saves of a working document while
 * bounding disk use at 21× the file; older ones are dropped (Nextcloud thins its own instead).
 */
export const MAX_VERSIONS_PER_FILE = 20;

/** The overwrite and If-Match rules against what is at `target` now. */
export function checkWriteRules(existing: NodeRow | undefined, target: UserPath, options: WriteOptions): void {
  if (existing?.kind === "folder") throw new AppError("CONFLICT", { userMessage: `"${target}" is a folder` });
  if (options.ifMatch !== undefined) {
    if (!existing || existing.etag !== options.ifMatch)
      throw new AppError("CONFLICT", { userMessage: `"${target}" changed since it was read (ETag mismatch)` });
    return;
  }
  if (existing && !options.overwrite) throw alreadyExists(target);
}

/** The checks a write can fail before its body is read (repeated, under lock, at commit). */
export async function precheckWrite(
  db: Executor,
  ownerId: string,
  target: UserPath,
  options: WriteOptions,
): Promise<void> {
  if (target === "/") throw new AppError("BAD_REQUEST", { userMessage: "cannot write to the top folder itself" });
  await requireFolder(db, ownerId, parentOf(target));
  checkWriteRules(await findLive(db, ownerId, target), target, options);
}

/** Drops the oldest versions beyond the cap; returns their blobs, to remove once committed. */
export async function pruneVersions(tx: Executor, nodeId: string): Promise<string[]> {
  const surplus = await tx
    .select({ id: fileVersions.id, blobId: fileVersions.blobId })
    .from(fileVersions)
    .where(eq(fileVersions.nodeId, nodeId))
    .orderBy(desc(fileVersions.modifiedAt), desc(fileVersions.createdAt))
    .offset(MAX_VERSIONS_PER_FILE);
  if (surplus.length === 0) return [];
  await tx.delete(fileVersions).where(
    inArray(
      fileVersions.id,
      surplus.map((version) => version.id),
    ),
  );
  return surplus.map((version) => version.blobId);
}

/** Keeps `node`'s current content as a version. */
export async function keepAsVersion(tx: Executor, node: NodeRow): Promise<void> {
  if (node.blobId === null) return;
  await tx.insert(fileVersions).values({
    nodeId: node.id,
    blobId: node.blobId,
    size: node.size,
    etag: node.etag,
    contentType: node.contentType,
    modifiedAt: node.modifiedAt,
  });
}

export async function commitContent(
  database: Database,
  blobs: BlobStore,
  ownerId: string,
  target: UserPath,
  blob: { blobId: string; size: number },
  options: WriteOptions,
): Promise<FileEntry> {
  let dropped: string[] = [];
  try {
    const row = await database.transaction(async (tx) => {
      await requireFolder(tx, ownerId, parentOf(target), { lock: true });
      const [existing] = await tx.select().from(fileNodes).where(liveNode(ownerId, target)).for("update");
      checkWriteRules(existing, target, options);
      const name = baseName(target);
      const content = { blobId: blob.blobId, size: blob.size, contentType: contentTypeOf(name), etag: newEtag() };
      let saved: NodeRow | undefined;
      if (existing) {
        await keepAsVersion(tx, existing);
        [saved] = await tx
          .update(fileNodes)
          .set({ ...content, modifiedAt: sql`now()` })
          .where(and(eq(fileNodes.id, existing.id)))
          .returning();
        dropped = await pruneVersions(tx, existing.id);
      } else {
        [saved] = await tx
          .insert(fileNodes)
          .values({
            ownerId,
            path: target,
            parentPath: parentOf(target),
            name,
            nameKey: foldName(name),
            kind: "file",
            ...content,
          })
          .returning();
      }
      await touchFolder(tx, ownerId, parentOf(target));
      return saved as NodeRow;
    });
    await blobs.removeBlobs(ownerId, dropped);
    return toEntry(row);
  } catch (error: unknown) {
    await blobs.removeBlobs(ownerId, [blob.blobId]);
    if (isUniqueViolation(error)) throw alreadyExists(target);
    throw error;
  }
}
