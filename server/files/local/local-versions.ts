/**
 * Versions in the local adapter: every overwrite keeps the replaced content as a `file_versions`
 * row pointing at its blob (commit-content.ts). Listing shows past contents only (the current one
 * is the file itself), newest first. Restoring makes a past blob current and keeps the replaced
 * content as a version in turn, under a new ETag, so nothing is lost by restoring.
 */
import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { baseName } from "@/server/files/paths";
import { fileNodes, fileVersions } from "@/server/files/schema";
import type { FileContent, FileEntry, FileVersion, StorageContext, UserPath } from "@/server/files/storage";
import { isUuid, type BlobStore } from "@/server/files/local/blob-store";
import { keepAsVersion, pruneVersions } from "@/server/files/local/commit-content";
import { contentTypeOf, liveNode, newEtag, requireFile, toEntry, type NodeRow } from "@/server/files/local/tree";

function versionNotFound(): AppError {
  return new AppError("NOT_FOUND", { userMessage: "this version does not exist" });
}

export function createLocalVersions({ db, blobs }: { db: () => Promise<Database>; blobs: BlobStore }) {
  async function findVersion(database: Database, node: NodeRow, versionId: string) {
    if (!isUuid(versionId)) throw versionNotFound();
    const [version] = await database
      .select()
      .from(fileVersions)
      .where(and(eq(fileVersions.id, versionId), eq(fileVersions.nodeId, node.id)));
    if (!version) throw versionNotFound();
    return version;
  }

  return {
    async listVersions(context: StorageContext, target: UserPath): Promise<FileVersion[]> {
      const database = await db();
      const node = await requireFile(database, context.user.id, target);
      const rows = await database
        .select()
        .from(fileVersions)
        .where(eq(fileVersions.nodeId, node.id))
        .orderBy(desc(fileVersions.modifiedAt), desc(fileVersions.createdAt));
      return rows.map((row) => ({
        id: row.id,
        size: row.size,
        lastModified: row.modifiedAt.toISOString(),
        etag: row.etag,
      }));
    },

    async readVersion(context: StorageContext, target: UserPath, versionId: string): Promise<FileContent> {
      const database = await db();
      const node = await requireFile(database, context.user.id, target);
      const version = await findVersion(database, node, versionId);
      return {
        body: await blobs.openBlob(context.user.id, version.blobId),
        size: version.size,
        contentType: version.contentType ?? contentTypeOf(node.name),
        etag: version.etag,
        lastModified: version.modifiedAt.toISOString(),
      };
    },

    async restoreVersion(context: StorageContext, target: UserPath, versionId: string): Promise<FileEntry> {
      if (!isUuid(versionId)) throw versionNotFound();
      const ownerId = context.user.id;
      const database = await db();
      let dropped: string[] = [];
      const restored = await database.transaction(async (tx) => {
        const [node] = await tx.select().from(fileNodes).where(liveNode(ownerId, target)).for("update");
        if (!node || node.kind !== "file")
          throw new AppError("NOT_FOUND", { userMessage: `"${target}" does not exist` });
        const [version] = await tx
          .delete(fileVersions)
          .where(and(eq(fileVersions.id, versionId), eq(fileVersions.nodeId, node.id)))
          .returning();
        if (!version) throw versionNotFound();
        await keepAsVersion(tx, node);
        const [saved] = await tx
          .update(fileNodes)
          .set({
            blobId: version.blobId,
            size: version.size,
            contentType: contentTypeOf(baseName(target)),
            etag: newEtag(),
            modifiedAt: sql`now()`,
          })
          .where(eq(fileNodes.id, node.id))
          .returning();
        dropped = await pruneVersions(tx, node.id);
        return saved as NodeRow;
      });
      await blobs.removeBlobs(ownerId, dropped);
      return toEntry(restored);
    },
  };
}
