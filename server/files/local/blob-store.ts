/**
 * The local adapter's content on disk: immutable blobs, one file per written content, named by a
 * random UUID. Layout under FILES_ROOT:
 *
 *   <user id>/blobs/<2 hex>/<blob uuid>   contents (current and past versions, trashed files)
 *   <user id>/tmp/<uuid>                  a write in progress (renamed into blobs/ when complete)
 *   <user id>/uploads/<upload uuid>.part  a resumable upload's bytes so far
 *
 * Why blobs and not a mirror of the user's tree: a rename or move is then one database update (no
 * disk walk that can half-fail), versions and trash never move, and a cut write leaves only a
 * stray temp file, never a half file where content is expected. Every disk name is built from
 * UUIDs the adapter generated (checked again here), never from a user's path.
 *
 * Streams everywhere: bodies are piped to disk with byte counting (declared length and the
 * upload limit enforced while streaming), reads are fs streams with start/end. Written bytes are
 * flushed to the disk (fsync) before a blob is renamed into place or a chunk is counted, so a
 * committed file or acknowledged chunk survives a power cut.
 */
import "server-only";
import { createWriteStream } from "node:fs";
import { copyFile, constants, link, mkdir, open, readdir, rename, rm, stat, truncate } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { randomUUID } from "node:crypto";
import { AppError } from "@/server/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function checkedId(id: string): string {
  if (!isUuid(id)) throw new AppError("INTERNAL", { message: `not a blob id: ${id.slice(0, 40)}` });
  return id;
}

/** Counts bytes through a stream and fails it once more than `limit` went by. */
function byteCounter(limit: number, onLimit: () => AppError): Transform & { bytes: () => number } {
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > limit) callback(onLimit());
      else callback(null, chunk);
    },
  });
  return Object.assign(counter, { bytes: () => bytes });
}

export interface BlobStore {
  /** Streams `body` into a new blob; the blob exists only if every byte arrived as declared. */
  writeBlob(
    userId: string,
    body: Readable,
    limits: { declaredSize?: number; maxBytes: number; signal?: AbortSignal },
  ): Promise<{ blobId: string; size: number }>;
  /** An open read stream of a blob (opened before returning, so a later unlink does not cut it). */
  openBlob(userId: string, blobId: string, range?: { start: number; end: number }): Promise<Readable>;
  copyBlob(userId: string, blobId: string): Promise<string>;
  removeBlobs(userId: string, blobIds: readonly string[]): Promise<void>;

  createPart(userId: string, uploadId: string): Promise<void>;
  /** Writes exactly `length` bytes of `body` at `offset` of the upload's part file. */
  writePart(
    userId: string,
    uploadId: string,
    offset: number,
    body: Readable,
    length: number,
    signal?: AbortSignal,
  ): Promise<void>;
  /** Makes the first `size` bytes of the part file a new blob (the part file stays until removed). */
  partToBlob(userId: string, uploadId: string, size: number): Promise<string>;
  removePart(userId: string, uploadId: string): Promise<void>;
  /** Removes temporary files older than `olderThanMs` (left by a process killed mid-write). */
  sweepTemp(userId: string, olderThanMs: number): Promise<void>;
}

export function createBlobStore(root: string): BlobStore {
  const userDir = (userId: string) => path.join(root, checkedId(userId));
  const blobPath = (userId: string, blobId: string) =>
    path.join(userDir(userId), "blobs", checkedId(blobId).slice(0, 2), blobId);
  const partPath = (userId: string, uploadId: string) =>
    path.join(userDir(userId), "uploads", `${checkedId(uploadId)}.part`);

  async function newBlobPath(userId: string): Promise<{ blobId: string; file: string }> {
    const blobId = randomUUID();
    const file = blobPath(userId, blobId);
    await mkdir(path.dirname(file), { recursive: true });
    return { blobId, file };
  }

  return {
    async writeBlob(userId, body, { declaredSize, maxBytes, signal }) {
      if (declaredSize !== undefined && declaredSize > maxBytes)
        throw new AppError("PAYLOAD_TOO_LARGE", { userMessage: `files are limited to ${maxBytes} bytes` });
      const limit = declaredSize ?? maxBytes;
      const tmpDir = path.join(userDir(userId), "tmp");
      await mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, randomUUID());
      const counter = byteCounter(limit, () =>
        declaredSize === undefined
          ? new AppError("PAYLOAD_TOO_LARGE", { userMessage: `files are limited to ${maxBytes} bytes` })
          : new AppError("BAD_REQUEST", { userMessage: `the body is longer than the declared ${declaredSize} bytes` }),
      );
      try {
        await pipeline(body, counter, createWriteStream(tmp, { flags: "wx", flush: true }), signal ? { signal } : {});
        if (declaredSize !== undefined && counter.bytes() !== declaredSize)
          throw new AppError("BAD_REQUEST", {
            userMessage: `the body ended after ${counter.bytes()} of the declared ${declaredSize} bytes`,
          });
        const { blobId, file } = await newBlobPath(userId);
        await rename(tmp, file);
        return { blobId, size: counter.bytes() };
      } catch (error: unknown) {
        await rm(tmp, { force: true });
        throw error;
      }
    },

    async openBlob(userId, blobId, range) {
      const handle = await open(blobPath(userId, blobId), "r").catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT")
          throw new AppError("CONFLICT", { userMessage: "the file changed while it was being read; try again" });
        throw error;
      });
      // The handle's own stream closes the handle once (a raw fd here would be closed twice).
      return handle.createReadStream({ start: range?.start, end: range?.end });
    },

    async copyBlob(userId, blobId) {
      const { blobId: copyId, file } = await newBlobPath(userId);
      // A reflink where the filesystem offers one (btrfs, XFS), a plain copy otherwise.
      await copyFile(blobPath(userId, blobId), file, constants.COPYFILE_FICLONE | constants.COPYFILE_EXCL);
      return copyId;
    },

    async removeBlobs(userId, blobIds) {
      await Promise.all(blobIds.map((blobId) => rm(blobPath(userId, blobId), { force: true })));
    },

    async createPart(userId, uploadId) {
      const file = partPath(userId, uploadId);
      await mkdir(path.dirname(file), { recursive: true });
      await (await open(file, "wx")).close();
    },

    async writePart(userId, uploadId, offset, body, length, signal) {
      const counter = byteCounter(
        length,
        () => new AppError("BAD_REQUEST", { userMessage: `the chunk is longer than the declared ${length} bytes` }),
      );
      // r+ at `offset`: a chunk resent after a cut overwrites the cut one's stray bytes.
      await pipeline(
        body,
        counter,
        createWriteStream(partPath(userId, uploadId), { flags: "r+", start: offset, flush: true }),
        signal ? { signal } : {},
      );
      if (counter.bytes() !== length)
        throw new AppError("BAD_REQUEST", {
          userMessage: `the chunk ended after ${counter.bytes()} of the declared ${length} bytes`,
        });
    },

    async partToBlob(userId, uploadId, size) {
      const part = partPath(userId, uploadId);
      await truncate(part, size);
      const { blobId, file } = await newBlobPath(userId);
      // A hard link, not a rename: if committing the file fails, the upload is still whole.
      await link(part, file);
      return blobId;
    },

    async removePart(userId, uploadId) {
      await rm(partPath(userId, uploadId), { force: true });
    },

    async sweepTemp(userId, olderThanMs) {
      const tmpDir = path.join(userDir(userId), "tmp");
      const names = await readdir(tmpDir).catch(() => [] as string[]);
      const cutoff = Date.now() - olderThanMs;
      await Promise.all(
        names
          .filter((name) => isUuid(name))
          .map(async (name) => {
            const file = path.join(tmpDir, name);
            const stats = await stat(file).catch(() => null);
            if (stats && stats.mtimeMs < cutoff) await rm(file, { force: true });
          }),
      );
    },
  };
}
