/**
 * The local storage adapter (FILES_BACKEND=local): `FileStorage` on the portal's own disk and
 * database. The tree is `file_nodes` rows (server/files/schema.ts), content is immutable blobs
 * under FILES_ROOT (blob-store.ts); see those files for why. This file holds the tree operations
 * (list, stat, read, write, folders, move, copy, favourites, recent, search, previews) and
 * assembles the rest: uploads, trash, versions and share links each live in their own file.
 *
 * Every operation runs as `context.user` on that user's rows only; writes that touch several rows
 * run in one transaction and rely on the unique (owner, live path) index, so concurrent requests
 * from several portal processes end in a clean CONFLICT, never a duplicate or a lost file.
 */
import "server-only";
import type { Readable } from "node:stream";
import { and, asc, desc, eq, isNull, like, sql, type SQL } from "drizzle-orm";
import { db as portalDatabase, type Database } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { baseName, isSameOrInside, parentOf, rebase } from "@/server/files/paths";
import { fileNodes } from "@/server/files/schema";
import type { ByteRange, FileContent, FileEntry, FileStorage, UserPath, WriteOptions } from "@/server/files/storage";
import { createBlobStore, type BlobStore } from "@/server/files/local/blob-store";
import { commitContent, precheckWrite } from "@/server/files/local/commit-content";
import { createLocalShares } from "@/server/files/local/local-shares";
import { createLocalTrash, trashNode } from "@/server/files/local/local-trash";
import { createLocalUploads } from "@/server/files/local/local-uploads";
import { createLocalVersions } from "@/server/files/local/local-versions";
import {
  alreadyExists,
  contentTypeOf,
  findLive,
  foldName,
  isPreviewable,
  isUniqueViolation,
  liveNode,
  liveSubtree,
  lockSubtree,
  newEtag,
  ownerEntriesJson,
  requireFile,
  requireFolder,
  requireLive,
  rootEntry,
  toEntry,
  touchFolder,
  type Executor,
  type NodeRow,
} from "@/server/files/local/tree";

export interface LocalStorageOptions {
  /** FILES_ROOT: created if missing. */
  root: string;
  /** FILES_MAX_UPLOAD_BYTES */
  maxUploadBytes: number;
  /** The portal's public origin, read when a link is made (share URLs are `${origin}/s/${token}`). */
  portalUrl: () => string;
  /** FILES_TRASH_RETENTION_DAYS; 0 or absent keeps trashed items until purged by hand. */
  trashRetentionDays?: number;
  /** The database; the portal's shared handle by default. */
  db?: () => Promise<Database>;
}

/** A node id as the database holds it (statById refuses anything else as unknown). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Most entries one recent/search/favourites call returns. */
const MAX_LIST_LIMIT = 200;

function clampLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.min(Math.max(Math.trunc(limit), 1), MAX_LIST_LIMIT) : MAX_LIST_LIMIT;
}

/** The satisfiable part of `range` in a file of `size` bytes (RFC 9110 §14.1.2), or RANGE_NOT_SATISFIABLE. */
export function satisfiableRange(range: ByteRange, size: number): ByteRange {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start)
    throw new AppError("BAD_REQUEST", { userMessage: "a byte range needs 0 ≤ start ≤ end" });
  if (start >= size)
    throw new AppError("RANGE_NOT_SATISFIABLE", {
      userMessage: `the file has ${size} bytes; the range starts at ${start}`,
    });
  return { start, end: Math.min(end, size - 1) };
}

/** LIKE pattern for "contains `text`", with LIKE's own wildcards escaped. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

export function createLocalStorage(options: LocalStorageOptions): FileStorage {
  const db = options.db ?? portalDatabase;
  const blobs: BlobStore = createBlobStore(options.root);

  async function readFile(ownerId: string, target: UserPath, range?: ByteRange): Promise<FileContent> {
    const node = await requireFile(await db(), ownerId, target);
    const satisfied = range === undefined ? undefined : satisfiableRange(range, node.size);
    return {
      body: await blobs.openBlob(ownerId, node.blobId as string, satisfied),
      size: node.size,
      ...(satisfied ? { range: satisfied } : {}),
      contentType: node.contentType ?? contentTypeOf(node.name),
      etag: node.etag,
      lastModified: node.modifiedAt.toISOString(),
    };
  }

  async function listFolder(ownerId: string, folder: UserPath): Promise<FileEntry[]> {
    const database = await db();
    if (folder !== "/") {
      const node = await requireLive(database, ownerId, folder);
      if (node.kind !== "folder")
        throw new AppError("BAD_REQUEST", { userMessage: `"${folder}" is a file, not a folder` });
    }
    return ownerEntriesJson(
      database,
      and(eq(fileNodes.ownerId, ownerId), eq(fileNodes.parentPath, folder), isNull(fileNodes.trashId)) as SQL,
    );
  }

  async function writeFile(
    ownerId: string,
    target: UserPath,
    body: Readable,
    writeOptions: WriteOptions,
    signal?: AbortSignal,
  ): Promise<FileEntry> {
    await precheckWrite(await db(), ownerId, target, writeOptions);
    const blob = await blobs.writeBlob(ownerId, body, {
      declaredSize: writeOptions.size,
      maxBytes: options.maxUploadBytes,
      signal,
    });
    return commitContent(await db(), blobs, ownerId, target, blob, writeOptions);
  }

  /** Checks shared by move and copy, inside their transaction; returns the source row. */
  async function prepareTransfer(
    tx: Executor,
    ownerId: string,
    from: UserPath,
    to: UserPath,
    overwrite: boolean,
  ): Promise<NodeRow> {
    if (from === "/" || to === "/")
      throw new AppError("BAD_REQUEST", { userMessage: "the top folder cannot be moved, copied or replaced" });
    const source = await requireLive(tx, ownerId, from);
    if (source.kind === "folder" && isSameOrInside(to, from))
      throw new AppError("BAD_REQUEST", { userMessage: "a folder cannot go inside itself" });
    await requireFolder(tx, ownerId, parentOf(to), { lock: true });
    const existing = await findLive(tx, ownerId, to);
    if (existing) {
      if (!overwrite) throw alreadyExists(to);
      if (isSameOrInside(from, to))
        throw new AppError("CONFLICT", { userMessage: `"${to}" holds what is being moved; it cannot be replaced` });
      // Replaced, not destroyed: the former destination goes to the trash.
      await trashNode(tx, ownerId, to);
    }
    return source;
  }

  const uploads = createLocalUploads({ db, blobs, maxUploadBytes: options.maxUploadBytes });
  const trash = createLocalTrash({ db, blobs, retentionDays: options.trashRetentionDays });
  const versions = createLocalVersions({ db, blobs });
  const shares = createLocalShares({
    db,
    portalUrl: options.portalUrl,
    ops: {
      list: (ownerId, folder) => listFolder(ownerId, folder),
      read: readFile,
      write: writeFile,
    },
  });

  return {
    backend: "local",

    list: (context, folder) => listFolder(context.user.id, folder),

    async stat(context, target) {
      const database = await db();
      if (target === "/") return rootEntry(database, context.user.id);
      return toEntry(await requireLive(database, context.user.id, target));
    },

    async statById(context, id) {
      const database = await db();
      if (id === context.user.id) return rootEntry(database, context.user.id);
      // Checked before the query: a malformed id would be a PostgreSQL error, not "not found".
      if (!UUID.test(id)) throw new AppError("NOT_FOUND", { userMessage: "no such file or folder" });
      const [row] = await database
        .select()
        .from(fileNodes)
        .where(
          and(eq(fileNodes.id, id.toLowerCase()), eq(fileNodes.ownerId, context.user.id), isNull(fileNodes.trashId)),
        )
        .limit(1);
      if (!row) throw new AppError("NOT_FOUND", { userMessage: "no such file or folder" });
      return toEntry(row);
    },

    read: (context, target, range) => readFile(context.user.id, target, range),

    write: (context, target, body, writeOptions = {}) =>
      writeFile(context.user.id, target, body, writeOptions, context.signal),

    ...uploads,

    async createFolder(context, target) {
      if (target === "/") throw alreadyExists(target);
      const ownerId = context.user.id;
      const database = await db();
      try {
        const row = await database.transaction(async (tx) => {
          await requireFolder(tx, ownerId, parentOf(target), { lock: true });
          if (await findLive(tx, ownerId, target)) throw alreadyExists(target);
          const name = baseName(target);
          const [created] = await tx
            .insert(fileNodes)
            .values({
              ownerId,
              path: target,
              parentPath: parentOf(target),
              name,
              nameKey: foldName(name),
              kind: "folder",
              etag: newEtag(),
            })
            .returning();
          await touchFolder(tx, ownerId, parentOf(target));
          return created as NodeRow;
        });
        return toEntry(row);
      } catch (error: unknown) {
        if (isUniqueViolation(error)) throw alreadyExists(target);
        throw error;
      }
    },

    async move(context, from, to, moveOptions = {}) {
      const ownerId = context.user.id;
      const database = await db();
      if (from === to) return toEntry(await requireLive(database, ownerId, from));
      try {
        const row = await database.transaction(async (tx) => {
          await lockSubtree(tx, ownerId, from);
          const source = await prepareTransfer(tx, ownerId, from, to, moveOptions.overwrite ?? false);
          await tx
            .update(fileNodes)
            .set({
              path: sql`${to}::text || substr(${fileNodes.path}, char_length(${from}::text) + 1)`,
              parentPath: sql`case when ${fileNodes.id} = ${source.id} then ${parentOf(to)}::text
                else ${to}::text || substr(${fileNodes.parentPath}, char_length(${from}::text) + 1) end`,
            })
            .where(liveSubtree(ownerId, from));
          const name = baseName(to);
          const [moved] = await tx
            .update(fileNodes)
            .set({
              name,
              nameKey: foldName(name),
              ...(source.kind === "file" ? { contentType: contentTypeOf(name) } : {}),
            })
            .where(eq(fileNodes.id, source.id))
            .returning();
          await touchFolder(tx, ownerId, parentOf(from));
          await touchFolder(tx, ownerId, parentOf(to));
          return moved as NodeRow;
        });
        return toEntry(row);
      } catch (error: unknown) {
        if (isUniqueViolation(error)) throw alreadyExists(to);
        throw error;
      }
    },

    async copy(context, from, to, copyOptions = {}) {
      const ownerId = context.user.id;
      const database = await db();
      const copied: string[] = [];
      try {
        const row = await database.transaction(async (tx) => {
          if (from === to) throw alreadyExists(to);
          const source = await prepareTransfer(tx, ownerId, from, to, copyOptions.overwrite ?? false);
          const rows = await tx.select().from(fileNodes).where(liveSubtree(ownerId, from)).orderBy(asc(fileNodes.path));
          let top: NodeRow | undefined;
          for (const original of rows) {
            const blobId = original.blobId === null ? null : await blobs.copyBlob(ownerId, original.blobId);
            if (blobId) copied.push(blobId);
            const isTop = original.id === source.id;
            const name = isTop ? baseName(to) : original.name;
            const [inserted] = await tx
              .insert(fileNodes)
              .values({
                ownerId,
                path: rebase(original.path as UserPath, from, to),
                parentPath: isTop ? parentOf(to) : rebase(original.parentPath as UserPath, from, to),
                name,
                nameKey: foldName(name),
                kind: original.kind,
                size: original.size,
                etag: newEtag(),
                contentType: original.kind === "file" ? contentTypeOf(name) : null,
                blobId,
              })
              .returning();
            if (isTop) top = inserted;
          }
          await touchFolder(tx, ownerId, parentOf(to));
          return top as NodeRow;
        });
        return toEntry(row);
      } catch (error: unknown) {
        await blobs.removeBlobs(ownerId, copied);
        if (isUniqueViolation(error)) throw alreadyExists(to);
        throw error;
      }
    },

    delete: trash.delete,
    listTrash: trash.listTrash,
    restoreFromTrash: trash.restoreFromTrash,
    purgeFromTrash: trash.purgeFromTrash,

    ...versions,

    async preview(context, target) {
      const database = await db();
      if (target === "/") return null;
      const node = await requireLive(database, context.user.id, target);
      if (node.kind !== "file" || !isPreviewable(node.contentType, node.size)) return null;
      // Small web images are their own preview (the HTTP layer sizes them with CSS and caches them).
      return readFile(context.user.id, target);
    },

    async setFavourite(context, target, favourite) {
      if (target === "/") throw new AppError("BAD_REQUEST", { userMessage: "the top folder cannot be a favourite" });
      const updated = await (
        await db()
      )
        .update(fileNodes)
        .set({ favourite })
        .where(liveNode(context.user.id, target))
        .returning({ id: fileNodes.id });
      if (updated.length === 0) throw new AppError("NOT_FOUND", { userMessage: `"${target}" does not exist` });
    },

    async listFavourites(context) {
      const rows = await (
        await db()
      )
        .select()
        .from(fileNodes)
        .where(and(eq(fileNodes.ownerId, context.user.id), isNull(fileNodes.trashId), eq(fileNodes.favourite, true)))
        .orderBy(asc(fileNodes.nameKey))
        .limit(MAX_LIST_LIMIT);
      return rows.map((row) => toEntry(row));
    },

    async listRecent(context, limit) {
      const rows = await (
        await db()
      )
        .select()
        .from(fileNodes)
        .where(and(eq(fileNodes.ownerId, context.user.id), isNull(fileNodes.trashId), eq(fileNodes.kind, "file")))
        .orderBy(desc(fileNodes.modifiedAt), asc(fileNodes.nameKey))
        .limit(clampLimit(limit));
      return rows.map((row) => toEntry(row));
    },

    async search(context, query, limit) {
      const key = foldName(query.normalize("NFC").trim());
      if (key.length === 0) return [];
      const rows = await (
        await db()
      )
        .select()
        .from(fileNodes)
        .where(
          and(
            eq(fileNodes.ownerId, context.user.id),
            isNull(fileNodes.trashId),
            like(fileNodes.nameKey, containsPattern(key)),
          ),
        )
        .orderBy(desc(fileNodes.modifiedAt), asc(fileNodes.nameKey))
        .limit(clampLimit(limit));
      return rows.map((row) => toEntry(row));
    },

    createShareLink: shares.createShareLink,
    listShareLinks: shares.listShareLinks,
    revokeShareLink: shares.revokeShareLink,
    openShareLink: shares.openShareLink,
  };
}
