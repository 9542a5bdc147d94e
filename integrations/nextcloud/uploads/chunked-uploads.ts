/**
 * Resumable uploads through Nextcloud's chunked upload v2
 * (docs.nextcloud.com … client_apis/WebDAV/chunking.html):
 *
 *   MKCOL /remote.php/dav/uploads/{uid}/{id}            start (Destination header)
 *   PUT   /remote.php/dav/uploads/{uid}/{id}/{n}        one chunk, n = 1…10000 (Destination, OC-Total-Length)
 *   MOVE  /remote.php/dav/uploads/{uid}/{id}/.file      assemble into Destination (OC-Total-Length, Overwrite)
 *   DELETE /remote.php/dav/uploads/{uid}/{id}           abort
 *
 * `Destination` (the final file's absolute URL) goes on EVERY request: it is what makes Nextcloud
 * treat the folder as a v2 upload (and pick the right storage for S3 multipart).
 *
 * The session (who, what, where, how big) is a row of nextcloud_uploads, so any portal process,
 * before or after a restart, can continue it. How many bytes arrived is never taken from the row:
 * it is re-read with a PROPFIND of the upload folder (the chunks Nextcloud really holds), so a
 * chunk cut in the middle by a network failure is simply not counted and is sent again.
 *
 * Chunk sizes: Nextcloud wants chunks of 5 MiB to 5 GiB except the last (enforced on S3 primary
 * storage). Each appendUpload call is one chunk: the browser sends FILES_CHUNK_BYTES chunks
 * (≥ 5 MiB by configuration). A large file PUT to the portal in one body is relayed in chunks
 * of NEXTCLOUD_CHUNK_BYTES (relayChunk, see nextcloud-storage.ts).
 */
import "server-only";
import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { db } from "@/server/db/client";
import { nextcloudUploads } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import type { UploadSession, UserPath, WriteOptions } from "@/server/files/storage";
import type { DavCall } from "@/integrations/nextcloud/dav/dav-files";
import { NS } from "@/integrations/nextcloud/dav/file-props";
import { hrefToRelative } from "@/integrations/nextcloud/http/nextcloud-urls";

/** Nextcloud cleans upload folders idle for 24 h. */
const UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000;
const MAX_CHUNKS = 10_000;

const CHUNK_PROPFIND = `<?xml version="1.0" encoding="UTF-8"?><d:propfind ${NS}><d:prop><d:getcontentlength/><d:resourcetype/></d:prop></d:propfind>`;

type UploadRow = typeof nextcloudUploads.$inferSelect;

interface Progress {
  received: number;
  chunks: number;
}

async function loadRow(userId: string, uploadId: string): Promise<UploadRow> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(uploadId)) throw new AppError("NOT_FOUND", { userMessage: "no such upload" });
  const [row] = await (
    await db()
  )
    .select()
    .from(nextcloudUploads)
    .where(and(eq(nextcloudUploads.id, uploadId), eq(nextcloudUploads.userId, userId)))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND", { userMessage: "no such upload" });
  return row;
}

function toSession(row: UploadRow, received: number): UploadSession {
  return {
    id: row.id,
    path: row.path as UserPath,
    size: row.size,
    received,
    expiresAt: row.expiresAt.toISOString(),
  };
}

/** What a chunk request needs to know of its upload. */
type ChunkTarget = Pick<UploadRow, "id" | "uid" | "path" | "size">;

function destinationHeaders(call: DavCall, row: ChunkTarget): Record<string, string> {
  return {
    destination: call.client.urls.files(row.uid, row.path).href,
    "oc-total-length": String(row.size),
  };
}

/** The chunks Nextcloud holds, counted only while numbered 1, 2, 3… without a gap. */
async function readProgress(call: DavCall, row: UploadRow): Promise<Progress> {
  const folderUrl = call.client.urls.uploads(row.uid, row.id);
  let responses;
  try {
    responses = await call.client.multistatus("PROPFIND", folderUrl, CHUNK_PROPFIND, "upload", {
      authorization: call.caller.authorization,
      signal: call.signal,
      depth: "1",
      headers: { destination: call.client.urls.files(row.uid, row.path).href },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      // Nextcloud dropped the folder (expired): the session is over.
      await (await db()).delete(nextcloudUploads).where(eq(nextcloudUploads.id, row.id));
      throw new AppError("NOT_FOUND", { userMessage: "this upload expired: start again" });
    }
    throw error;
  }
  const sizes = new Map<number, number>();
  for (const response of responses) {
    if (response.isCollection) continue;
    const name = hrefToRelative(response.href, `${folderUrl.pathname}/`)?.slice(1);
    if (!name || !/^\d{1,5}$/.test(name)) continue;
    sizes.set(Number(name), Number(response.props.getcontentlength ?? 0));
  }
  let received = 0;
  let chunks = 0;
  while (sizes.has(chunks + 1)) {
    chunks += 1;
    received += sizes.get(chunks) ?? 0;
  }
  return { received, chunks };
}

export async function startChunkedUpload(
  call: DavCall,
  userId: string,
  path: UserPath,
  size: number,
  options: WriteOptions,
): Promise<UploadSession> {
  if (!Number.isSafeInteger(size) || size < 0) throw new AppError("BAD_REQUEST", { userMessage: "invalid size" });
  const row: UploadRow = {
    id: randomBytes(18).toString("base64url"),
    userId,
    uid: call.caller.uid,
    path,
    size,
    overwrite: options.overwrite ?? false,
    ifMatch: options.ifMatch ?? null,
    createdAt: new Date(),
    expiresAt: new Date(Date.now() + UPLOAD_LIFETIME_MS),
  };
  await call.client.expectOk("MKCOL", call.client.urls.uploads(row.uid, row.id), "upload", {
    authorization: call.caller.authorization,
    signal: call.signal,
    headers: { destination: call.client.urls.files(row.uid, row.path).href },
  });
  await (await db()).insert(nextcloudUploads).values(row);
  return toSession(row, 0);
}

export async function getChunkedUpload(call: DavCall, userId: string, uploadId: string): Promise<UploadSession> {
  const row = await loadRow(userId, uploadId);
  const progress = await readProgress(call, row);
  return toSession(row, progress.received);
}

export async function appendChunk(
  call: DavCall,
  userId: string,
  uploadId: string,
  offset: number,
  body: Readable,
  length: number,
): Promise<UploadSession> {
  const row = await loadRow(userId, uploadId);
  const progress = await readProgress(call, row);
  if (offset !== progress.received) {
    throw new AppError("CONFLICT", {
      userMessage: `upload continues at byte ${progress.received}`,
    });
  }
  if (!Number.isSafeInteger(length) || length <= 0 || progress.received + length > row.size) {
    throw new AppError("BAD_REQUEST", { userMessage: "chunk length does not fit the declared size" });
  }
  if (progress.chunks >= MAX_CHUNKS) throw new AppError("PAYLOAD_TOO_LARGE", { userMessage: "too many chunks" });
  await putChunk(call, row, progress.chunks + 1, body, length);
  return toSession(row, progress.received + length);
}

/** PUT of chunk `number` (1…10000), streamed from `body` (exactly `length` bytes). */
async function putChunk(
  call: DavCall,
  row: ChunkTarget,
  number: number,
  body: Readable,
  length: number,
): Promise<void> {
  if (number > MAX_CHUNKS) throw new AppError("PAYLOAD_TOO_LARGE", { userMessage: "too many chunks" });
  await call.client.expectOk("PUT", call.client.urls.uploads(row.uid, row.id, String(number)), "upload", {
    authorization: call.caller.authorization,
    signal: call.signal,
    headers: {
      ...destinationHeaders(call, row),
      "content-type": "application/octet-stream",
      "content-length": String(length),
    },
    body,
  });
}

/**
 * One chunk of an upload this process relays from a single incoming body (a PUT of a large file
 * to the portal): the process itself is the only writer and knows which chunk comes next, so
 * the row and the chunks already held are not read again before each chunk (appendChunk does
 * that, for chunks that may come from any process after a cut). Such an upload is not resumed:
 * a cut body cancels it (nextcloud-storage.ts), and completeChunkedUpload still checks, once,
 * that Nextcloud holds every byte before it assembles.
 */
export async function relayChunk(
  call: DavCall,
  session: UploadSession,
  number: number,
  body: Readable,
  length: number,
): Promise<void> {
  await putChunk(
    call,
    { id: session.id, uid: call.caller.uid, path: session.path, size: session.size },
    number,
    body,
    length,
  );
}

/** Assembles the chunks into the target (MOVE .file); returns the target path. */
export async function completeChunkedUpload(call: DavCall, userId: string, uploadId: string): Promise<UserPath> {
  const row = await loadRow(userId, uploadId);
  const progress = await readProgress(call, row);
  if (progress.received !== row.size) {
    throw new AppError("CONFLICT", { userMessage: `upload incomplete: ${progress.received} of ${row.size} bytes` });
  }
  if (row.size === 0 && progress.chunks === 0) {
    // Nextcloud cannot assemble zero chunks; an empty chunk stands for the empty file.
    await call.client.expectOk("PUT", call.client.urls.uploads(row.uid, row.id, "1"), "upload", {
      authorization: call.caller.authorization,
      signal: call.signal,
      headers: { ...destinationHeaders(call, row), "content-length": "0" },
      body: "",
    });
  }
  const headers: Record<string, string> = {
    ...destinationHeaders(call, row),
    overwrite: row.overwrite || row.ifMatch ? "T" : "F",
  };
  if (row.ifMatch) headers["if-match"] = row.ifMatch;
  await call.client.expectOk("MOVE", call.client.urls.uploads(row.uid, row.id, ".file"), "write", {
    authorization: call.caller.authorization,
    signal: call.signal,
    headers,
  });
  await (await db()).delete(nextcloudUploads).where(eq(nextcloudUploads.id, row.id));
  return row.path as UserPath;
}

export async function cancelChunkedUpload(call: DavCall, userId: string, uploadId: string): Promise<void> {
  const row = await loadRow(userId, uploadId);
  const response = await call.client.send("DELETE", call.client.urls.uploads(row.uid, row.id), {
    authorization: call.caller.authorization,
    signal: call.signal,
    headers: { destination: call.client.urls.files(row.uid, row.path).href },
  });
  response.body.resume();
  if (response.status >= 300 && response.status !== 404) {
    throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "Nextcloud failed to cancel the upload" });
  }
  await (await db()).delete(nextcloudUploads).where(eq(nextcloudUploads.id, row.id));
}
