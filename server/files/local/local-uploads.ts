/**
 * Resumable uploads of the local adapter. The session is a `file_uploads` row and its bytes a part
 * file; `received` in the row is the only truth about how many bytes count, so any portal process
 * can take the next chunk. A chunk is accepted only at `offset === received` and is written under
 * a short lease (`appending_until`, taken by a conditional UPDATE), so two processes never write
 * one upload at once; a cut chunk leaves `received` where it was and its stray bytes are
 * overwritten by the resent chunk. Completing links the part file into a blob and commits it like
 * any write (commit-content.ts). Abandoned sessions expire after UPLOAD_TTL_HOURS and are cleaned
 * up when their owner next starts an upload, with any temp file a killed process left behind.
 */
import "server-only";
import type { Readable } from "node:stream";
import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { fileUploads } from "@/server/files/schema";
import type { FileEntry, StorageContext, UploadSession, UserPath, WriteOptions } from "@/server/files/storage";
import { isUuid, type BlobStore } from "@/server/files/local/blob-store";
import { commitContent, precheckWrite } from "@/server/files/local/commit-content";

const UPLOAD_TTL_HOURS = 24;
/** Longest a process may hold an upload while writing one chunk (a 1 GiB chunk at ~2 MB/s). */
const LEASE_MINUTES = 10;

type UploadRow = typeof fileUploads.$inferSelect;

function toSession(row: UploadRow): UploadSession {
  return {
    id: row.id,
    path: row.path as UserPath,
    size: row.size,
    received: row.received,
    expiresAt: row.expiresAt.toISOString(),
  };
}

function uploadNotFound(): AppError {
  return new AppError("NOT_FOUND", { userMessage: "this upload does not exist or has expired" });
}

export interface LocalUploadsDeps {
  db: () => Promise<Database>;
  blobs: BlobStore;
  maxUploadBytes: number;
}

export function createLocalUploads({ db, blobs, maxUploadBytes }: LocalUploadsDeps) {
  async function load(database: Database, ownerId: string, uploadId: string): Promise<UploadRow> {
    if (!isUuid(uploadId)) throw uploadNotFound();
    const [row] = await database
      .select()
      .from(fileUploads)
      .where(
        and(eq(fileUploads.id, uploadId), eq(fileUploads.ownerId, ownerId), gt(fileUploads.expiresAt, sql`now()`)),
      );
    if (!row) throw uploadNotFound();
    return row;
  }

  /** Takes the write lease at `offset`; returns the lease's token, or explains the refusal. */
  async function takeLease(database: Database, ownerId: string, uploadId: string, offset: number): Promise<number> {
    const [leased] = await database
      .update(fileUploads)
      .set({
        appendingUntil: sql`now() + make_interval(mins => ${LEASE_MINUTES})`,
        chunks: sql`${fileUploads.chunks} + 1`,
      })
      .where(
        and(
          eq(fileUploads.id, uploadId),
          eq(fileUploads.ownerId, ownerId),
          eq(fileUploads.received, offset),
          gt(fileUploads.expiresAt, sql`now()`),
          or(isNull(fileUploads.appendingUntil), lt(fileUploads.appendingUntil, sql`now()`)),
        ),
      )
      .returning({ chunks: fileUploads.chunks });
    if (leased) return leased.chunks;
    const row = await load(database, ownerId, uploadId);
    if (row.received !== offset)
      throw new AppError("CONFLICT", { userMessage: `wrong offset ${offset}: resume at ${row.received}` });
    throw new AppError("CONFLICT", { userMessage: "another request is writing this upload; retry shortly" });
  }

  async function releaseLease(
    database: Database,
    uploadId: string,
    lease: number,
    received?: number,
  ): Promise<boolean> {
    const released = await database
      .update(fileUploads)
      .set({ appendingUntil: null, ...(received === undefined ? {} : { received }) })
      .where(and(eq(fileUploads.id, uploadId), eq(fileUploads.chunks, lease)))
      .returning({ id: fileUploads.id });
    return released.length > 0;
  }

  async function removeExpired(database: Database, ownerId: string): Promise<void> {
    const expired = await database
      .delete(fileUploads)
      .where(and(eq(fileUploads.ownerId, ownerId), lt(fileUploads.expiresAt, sql`now()`)))
      .returning({ id: fileUploads.id });
    await Promise.all(expired.map((row) => blobs.removePart(ownerId, row.id)));
    // A write in progress keeps writing its temp file; one untouched for a day was abandoned.
    await blobs.sweepTemp(ownerId, UPLOAD_TTL_HOURS * 3600 * 1000);
  }

  return {
    async startUpload(
      context: StorageContext,
      target: UserPath,
      size: number,
      options: WriteOptions = {},
    ): Promise<UploadSession> {
      if (!Number.isSafeInteger(size) || size < 0)
        throw new AppError("BAD_REQUEST", { userMessage: "size must be a whole, non-negative number of bytes" });
      if (size > maxUploadBytes)
        throw new AppError("PAYLOAD_TOO_LARGE", { userMessage: `files are limited to ${maxUploadBytes} bytes` });
      const database = await db();
      const ownerId = context.user.id;
      await removeExpired(database, ownerId);
      await precheckWrite(database, ownerId, target, options);
      const [row] = await database
        .insert(fileUploads)
        .values({
          ownerId,
          path: target,
          size,
          overwrite: options.overwrite ?? false,
          ifMatch: options.ifMatch ?? null,
          expiresAt: sql`now() + make_interval(hours => ${UPLOAD_TTL_HOURS})`,
        })
        .returning();
      const upload = row as UploadRow;
      try {
        await blobs.createPart(ownerId, upload.id);
      } catch (error: unknown) {
        await database.delete(fileUploads).where(eq(fileUploads.id, upload.id));
        throw error;
      }
      return toSession(upload);
    },

    async getUpload(context: StorageContext, uploadId: string): Promise<UploadSession> {
      return toSession(await load(await db(), context.user.id, uploadId));
    },

    async appendUpload(
      context: StorageContext,
      uploadId: string,
      offset: number,
      body: Readable,
      length: number,
    ): Promise<UploadSession> {
      if (!Number.isSafeInteger(offset) || offset < 0 || !Number.isSafeInteger(length) || length < 1)
        throw new AppError("BAD_REQUEST", {
          userMessage: "offset and length must be whole numbers, length at least 1",
        });
      const database = await db();
      const ownerId = context.user.id;
      const session = await load(database, ownerId, uploadId);
      if (offset !== session.received)
        throw new AppError("CONFLICT", { userMessage: `wrong offset ${offset}: resume at ${session.received}` });
      if (offset + length > session.size)
        throw new AppError("BAD_REQUEST", {
          userMessage: `the chunk ends at byte ${offset + length}, past the upload's ${session.size} bytes`,
        });
      const lease = await takeLease(database, ownerId, uploadId, offset);
      try {
        await blobs.writePart(ownerId, uploadId, offset, body, length, context.signal);
      } catch (error: unknown) {
        await releaseLease(database, uploadId, lease);
        throw error;
      }
      if (!(await releaseLease(database, uploadId, lease, offset + length)))
        throw new AppError("CONFLICT", {
          userMessage: "this chunk took too long and was superseded; resume the upload",
        });
      return toSession(await load(database, ownerId, uploadId));
    },

    async completeUpload(context: StorageContext, uploadId: string): Promise<FileEntry> {
      const database = await db();
      const ownerId = context.user.id;
      const session = await load(database, ownerId, uploadId);
      if (session.received !== session.size)
        throw new AppError("CONFLICT", {
          userMessage: `the upload is incomplete: ${session.received} of ${session.size} bytes received`,
        });
      const lease = await takeLease(database, ownerId, uploadId, session.size);
      let entry: FileEntry;
      try {
        const blobId = await blobs.partToBlob(ownerId, uploadId, session.size);
        entry = await commitContent(
          database,
          blobs,
          ownerId,
          session.path as UserPath,
          { blobId, size: session.size },
          { overwrite: session.overwrite, ifMatch: session.ifMatch ?? undefined },
        );
      } catch (error: unknown) {
        await releaseLease(database, uploadId, lease);
        throw error;
      }
      await database.delete(fileUploads).where(eq(fileUploads.id, uploadId));
      await blobs.removePart(ownerId, uploadId);
      return entry;
    },

    async cancelUpload(context: StorageContext, uploadId: string): Promise<void> {
      if (!isUuid(uploadId)) throw uploadNotFound();
      const database = await db();
      const removed = await database
        .delete(fileUploads)
        .where(and(eq(fileUploads.id, uploadId), eq(fileUploads.ownerId, context.user.id)))
        .returning({ id: fileUploads.id });
      if (removed.length === 0) throw uploadNotFound();
      await blobs.removePart(context.user.id, uploadId);
    },
  };
}
