/**
 * The local adapter's trash. Deleting marks the node and everything below it with one
 * `file_trash` entry (rows, versions, blobs and share links all stay, so nothing is lost and a
 * restore is a row update). Restoring puts the item back at its original path — CONFLICT when that
 * path is taken again; missing parent folders are recreated. Purging deletes the rows (versions and
 * links cascade) and then the blobs. Entries older than FILES_TRASH_RETENTION_DAYS are purged
 * when their owner next deletes something or opens the trash (no background job to run; Nextcloud
 * expires its own trash by its own retention setting).
 */
import "server-only";
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { parentOf, segmentsOf } from "@/server/files/paths";
import { fileNodes, fileTrash, fileVersions } from "@/server/files/schema";
import type { FileEntry, StorageContext, TrashEntry, UserPath } from "@/server/files/storage";
import { isUuid, type BlobStore } from "@/server/files/local/blob-store";
import {
  alreadyExists,
  findLive,
  foldName,
  isUniqueViolation,
  liveSubtree,
  lockSubtree,
  newEtag,
  requireLive,
  toEntry,
  touchFolder,
  type Executor,
  type NodeRow,
} from "@/server/files/local/tree";

function trashNotFound(): AppError {
  return new AppError("NOT_FOUND", { userMessage: "this item is not in the trash" });
}

/** Moves the live item at `target` (and all below it) to the trash, inside the caller's transaction. */
export async function trashNode(tx: Executor, ownerId: string, target: UserPath): Promise<void> {
  await lockSubtree(tx, ownerId, target);
  const node = await requireLive(tx, ownerId, target);
  const [total] = await tx
    .select({ size: sql<string>`coalesce(sum(${fileNodes.size}), 0)::text` })
    .from(fileNodes)
    .where(and(liveSubtree(ownerId, target), eq(fileNodes.kind, "file")));
  const [entry] = await tx
    .insert(fileTrash)
    .values({
      ownerId,
      nodeId: node.id,
      originalPath: target,
      name: node.name,
      kind: node.kind,
      size: Number(total?.size ?? 0),
    })
    .returning({ id: fileTrash.id });
  await tx
    .update(fileNodes)
    .set({ trashId: (entry as { id: string }).id })
    .where(liveSubtree(ownerId, target));
  await touchFolder(tx, ownerId, parentOf(target));
}

/** Creates the missing folders above `target` (a restore into a folder that is gone). */
async function ensureParents(tx: Executor, ownerId: string, target: UserPath): Promise<void> {
  const names = segmentsOf(parentOf(target));
  let folder = "";
  for (const name of names) {
    const parent = (folder || "/") as UserPath;
    folder = `${folder}/${name}`;
    const existing = await findLive(tx, ownerId, folder as UserPath);
    if (existing?.kind === "file") throw new AppError("CONFLICT", { userMessage: `"${folder}" is now a file` });
    if (!existing)
      await tx.insert(fileNodes).values({
        ownerId,
        path: folder,
        parentPath: parent,
        name,
        nameKey: foldName(name),
        kind: "folder",
        etag: newEtag(),
      });
  }
}

export interface LocalTrashDeps {
  db: () => Promise<Database>;
  blobs: BlobStore;
  /** Days an entry stays before it is purged; 0 or absent: until purged by hand. */
  retentionDays?: number;
}

export function createLocalTrash({ db, blobs, retentionDays = 0 }: LocalTrashDeps) {
  /** Deletes one entry's rows (versions and links cascade), then its blobs. False if not the owner's. */
  async function purge(ownerId: string, trashId: string): Promise<boolean> {
    const database = await db();
    const blobIds = await database.transaction(async (tx) => {
      const [entry] = await tx
        .delete(fileTrash)
        .where(and(eq(fileTrash.id, trashId), eq(fileTrash.ownerId, ownerId)))
        .returning({ id: fileTrash.id });
      if (!entry) return null;
      const nodes = await tx
        .select({ id: fileNodes.id, blobId: fileNodes.blobId })
        .from(fileNodes)
        .where(eq(fileNodes.trashId, trashId));
      const nodeIds = nodes.map((node) => node.id);
      const versions =
        nodeIds.length === 0
          ? []
          : await tx
              .select({ blobId: fileVersions.blobId })
              .from(fileVersions)
              .where(inArray(fileVersions.nodeId, nodeIds));
      // Nodes trashed earlier on their own below this one keep their own entry: untouched.
      await tx.delete(fileNodes).where(and(eq(fileNodes.trashId, trashId), eq(fileNodes.ownerId, ownerId)));
      return [...nodes.map((node) => node.blobId), ...versions.map((version) => version.blobId)].filter(
        (blobId): blobId is string => blobId !== null,
      );
    });
    if (blobIds === null) return false;
    await blobs.removeBlobs(ownerId, blobIds);
    return true;
  }

  /** Purges the owner's entries past the retention (run when they delete or look at the trash). */
  async function expireOld(ownerId: string): Promise<void> {
    if (retentionDays <= 0) return;
    const expired = await (
      await db()
    )
      .select({ id: fileTrash.id })
      .from(fileTrash)
      .where(
        and(
          eq(fileTrash.ownerId, ownerId),
          lt(fileTrash.deletedAt, sql`now() - make_interval(days => ${retentionDays})`),
        ),
      );
    for (const entry of expired) await purge(ownerId, entry.id);
  }

  return {
    async delete(context: StorageContext, target: UserPath): Promise<void> {
      if (target === "/") throw new AppError("BAD_REQUEST", { userMessage: "the top folder cannot be deleted" });
      const database = await db();
      await database.transaction((tx) => trashNode(tx, context.user.id, target));
      await expireOld(context.user.id);
    },

    async listTrash(context: StorageContext): Promise<TrashEntry[]> {
      await expireOld(context.user.id);
      const database = await db();
      const rows = await database
        .select()
        .from(fileTrash)
        .where(eq(fileTrash.ownerId, context.user.id))
        .orderBy(desc(fileTrash.deletedAt));
      return rows.map((row) => ({
        id: row.id,
        name: row.name,
        originalPath: row.originalPath as UserPath,
        kind: row.kind,
        size: row.size,
        deletedAt: row.deletedAt.toISOString(),
      }));
    },

    async restoreFromTrash(context: StorageContext, trashId: string): Promise<FileEntry> {
      if (!isUuid(trashId)) throw trashNotFound();
      const ownerId = context.user.id;
      const database = await db();
      try {
        const restored = await database.transaction(async (tx) => {
          const [entry] = await tx
            .select()
            .from(fileTrash)
            .where(and(eq(fileTrash.id, trashId), eq(fileTrash.ownerId, ownerId)))
            .for("update");
          if (!entry) throw trashNotFound();
          const target = entry.originalPath as UserPath;
          if (await findLive(tx, ownerId, target)) throw alreadyExists(target);
          await ensureParents(tx, ownerId, target);
          await tx.update(fileNodes).set({ trashId: null }).where(eq(fileNodes.trashId, trashId));
          await tx.delete(fileTrash).where(eq(fileTrash.id, trashId));
          await touchFolder(tx, ownerId, parentOf(target));
          const [node] = await tx.select().from(fileNodes).where(eq(fileNodes.id, entry.nodeId));
          return node as NodeRow;
        });
        return toEntry(restored);
      } catch (error: unknown) {
        if (isUniqueViolation(error))
          throw new AppError("CONFLICT", { userMessage: "the original place is taken again" });
        throw error;
      }
    },

    async purgeFromTrash(context: StorageContext, trashId: string): Promise<void> {
      if (!isUuid(trashId) || !(await purge(context.user.id, trashId))) throw trashNotFound();
    },
  };
}
