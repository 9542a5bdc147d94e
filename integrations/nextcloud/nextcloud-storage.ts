/**
 * The Nextcloud adapter: `FileStorage` (server/files/storage.ts) on a Nextcloud server, called as
 * the signed-in user. Each method resolves the caller (their OIDC token or app password, and
 * their Nextcloud uid), then delegates to one module per concern:
 *
 *   dav/dav-files.ts            PROPFIND, GET (Range), PUT, MKCOL, MOVE, COPY, DELETE, favourites, SEARCH
 *   uploads/chunked-uploads.ts  chunked upload v2, resumable across processes (nextcloud_uploads)
 *   trash/trashbin.ts           trash bin
 *   versions/file-versions.ts   versions
 *   shares/ocs-shares.ts        public links (OCS Share API)
 *   shares/public-share.ts      a link opened by its recipient (public WebDAV)
 *
 * A single write (one body of a declared size: a file PUT to the portal) of at most
 * NEXTCLOUD_CHUNK_BYTES is one streamed PUT; above it, it is relayed through chunked upload v2 in
 * chunks of that size, each streamed straight from the incoming body (write-in-chunks.ts), as
 * Nextcloud's own clients chunk only what exceeds one chunk. Nextcloud (and its S3 storage)
 * handles one huge PUT badly; fewer, larger chunks cost fewer round trips (the default 100 MiB
 * makes 11 requests of a 1 GiB file, where 10 MiB chunks made 103, each a PUT and a rename).
 */
import "server-only";
import type { Readable } from "node:stream";
import { AppError } from "@/server/errors";
import type {
  ByteRange,
  FileContent,
  FileEntry,
  FileStorage,
  StorageContext,
  UserPath,
  WriteOptions,
} from "@/server/files/storage";
import { resolveCaller, type NextcloudAuthMode } from "@/integrations/nextcloud/auth/user-credentials";
import * as dav from "@/integrations/nextcloud/dav/dav-files";
import { NextcloudClient } from "@/integrations/nextcloud/http/nextcloud-client";
import { discard } from "@/integrations/nextcloud/http/nextcloud-request";
import * as shares from "@/integrations/nextcloud/shares/ocs-shares";
import { openPublicShare } from "@/integrations/nextcloud/shares/public-share";
import * as trash from "@/integrations/nextcloud/trash/trashbin";
import * as uploads from "@/integrations/nextcloud/uploads/chunked-uploads";
import { writeInChunks } from "@/integrations/nextcloud/uploads/write-in-chunks";
import * as versions from "@/integrations/nextcloud/versions/file-versions";

export interface NextcloudStorageOptions {
  /** NEXTCLOUD_URL */
  url: string;
  auth: NextcloudAuthMode;
  /** Deadline of each call's answer, and the idle limit of a streaming body. */
  timeoutMs: number;
  /** NEXTCLOUD_CHUNK_BYTES: a single write above this size is relayed in chunks of this size. */
  chunkBytes: number;
  /** The portal's public origin (share links point at its /s/{token} page). */
  portalOrigin: string;
}

export function createNextcloudStorage(options: NextcloudStorageOptions): FileStorage {
  const client = new NextcloudClient({ url: options.url, timeoutMs: options.timeoutMs });

  const call = async (context: StorageContext): Promise<dav.DavCall> => ({
    client,
    caller: await resolveCaller(client, context.user, options.auth, context.signal),
    signal: context.signal,
  });

  const storage: FileStorage = {
    backend: "nextcloud",

    async list(context, folder) {
      return dav.listFolder(await call(context), folder);
    },
    async stat(context, path) {
      return dav.statEntry(await call(context), path);
    },
    async statById(context, id) {
      return dav.statById(await call(context), id);
    },
    async read(context, path, range?: ByteRange) {
      return dav.readFile(await call(context), path, range);
    },
    async write(context, path, body: Readable, writeOptions: WriteOptions = {}) {
      const c = await call(context);
      if (writeOptions.size !== undefined && writeOptions.size > options.chunkBytes) {
        const session = await uploads.startChunkedUpload(c, context.user.id, path, writeOptions.size, writeOptions);
        try {
          await writeInChunks(body, writeOptions.size, options.chunkBytes, (_offset, chunk, length, number) =>
            uploads.relayChunk(c, session, number, chunk, length),
          );
          await uploads.completeChunkedUpload(c, context.user.id, session.id);
        } catch (error) {
          await uploads.cancelChunkedUpload(c, context.user.id, session.id).catch(() => undefined);
          throw error;
        }
      } else {
        await dav.putFile(c, path, body, writeOptions);
      }
      return dav.statEntry(c, path);
    },

    async startUpload(context, path, size, writeOptions: WriteOptions = {}) {
      const c = await call(context);
      if (!writeOptions.overwrite && !writeOptions.ifMatch && (await exists(c, path))) {
        throw new AppError("CONFLICT", { userMessage: "a file with that name already exists" });
      }
      return uploads.startChunkedUpload(c, context.user.id, path, size, writeOptions);
    },
    async getUpload(context, uploadId) {
      return uploads.getChunkedUpload(await call(context), context.user.id, uploadId);
    },
    async appendUpload(context, uploadId, offset, body, length) {
      return uploads.appendChunk(await call(context), context.user.id, uploadId, offset, body, length);
    },
    async completeUpload(context, uploadId) {
      const c = await call(context);
      const path = await uploads.completeChunkedUpload(c, context.user.id, uploadId);
      return dav.statEntry(c, path);
    },
    async cancelUpload(context, uploadId) {
      await uploads.cancelChunkedUpload(await call(context), context.user.id, uploadId);
    },

    async createFolder(context, path) {
      const c = await call(context);
      await dav.makeFolder(c, path);
      return dav.statEntry(c, path);
    },
    async move(context, from, to, moveOptions) {
      const c = await call(context);
      await dav.moveOrCopy(c, "MOVE", from, to, moveOptions?.overwrite ?? false);
      return dav.statEntry(c, to);
    },
    async copy(context, from, to, copyOptions) {
      const c = await call(context);
      await dav.moveOrCopy(c, "COPY", from, to, copyOptions?.overwrite ?? false);
      return dav.statEntry(c, to);
    },
    async delete(context, path) {
      await dav.deletePath(await call(context), path);
    },

    async listTrash(context) {
      return trash.listTrash(await call(context));
    },
    async restoreFromTrash(context, trashId) {
      return trash.restoreFromTrash(await call(context), trashId);
    },
    async purgeFromTrash(context, trashId) {
      await trash.purgeFromTrash(await call(context), trashId);
    },

    async listVersions(context, path) {
      return versions.listVersions(await call(context), path);
    },
    async readVersion(context, path, versionId) {
      return versions.readVersion(await call(context), path, versionId);
    },
    async restoreVersion(context, path, versionId) {
      return versions.restoreVersion(await call(context), path, versionId);
    },

    async preview(context, path, size) {
      const c = await call(context);
      const entry = await dav.statEntry(c, path);
      if (entry.kind !== "file" || !entry.hasPreview) return null;
      const width = clampPreview(size.width);
      const height = clampPreview(size.height);
      const response = await client.send("GET", client.urls.preview(entry.id, width, height), {
        authorization: c.caller.authorization,
        signal: context.signal,
      });
      if (response.status === 404) {
        discard(response.body);
        return null;
      }
      if (response.status !== 200) {
        discard(response.body);
        throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "Nextcloud could not make a preview" });
      }
      const length = Number(response.headers["content-length"] ?? Number.NaN);
      const content: FileContent = {
        body: response.body,
        size: Number.isFinite(length) ? length : 0,
        contentType: response.headers["content-type"] ?? "image/png",
        etag: entry.etag,
        lastModified: entry.lastModified,
      };
      return content;
    },

    async setFavourite(context, path, favourite) {
      await dav.setFavourite(await call(context), path, favourite);
    },
    async listFavourites(context) {
      return dav.listFavourites(await call(context));
    },
    async listRecent(context, limit) {
      return dav.listRecent(await call(context), clampLimit(limit));
    },
    async search(context, query, limit) {
      return dav.searchByName(await call(context), query, clampLimit(limit));
    },

    async createShareLink(context, path, input) {
      return shares.createShareLink(await call(context), path, input, options.portalOrigin);
    },
    async listShareLinks(context, path) {
      return shares.listShareLinks(await call(context), options.portalOrigin, path);
    },
    async revokeShareLink(context, shareId) {
      await shares.revokeShareLink(await call(context), shareId);
    },
    openShareLink(token, password, signal) {
      return openPublicShare(client, token, password, signal);
    },
  };
  return options.auth === "oidc" ? withOidcRefusals(storage) : storage;
}

/**
 * With OIDC bearer tokens there is no account to connect: Nextcloud refusing the token means the
 * user_oidc app is not set up to accept the portal's tokens (or the person is not provisioned), so
 * the UI must not offer "connect your Nextcloud account".
 */
function withOidcRefusals(storage: FileStorage): FileStorage {
  const translate = (error: unknown): never => {
    if (error instanceof AppError && error.code === "NEXTCLOUD_NOT_CONNECTED") {
      throw new AppError("BACKEND_UNAVAILABLE", {
        userMessage: "Nextcloud did not accept your sign-in: ask your administrator",
        cause: error,
      });
    }
    throw error;
  };
  const wrapped: Record<string, unknown> = { backend: storage.backend };
  for (const [key, value] of Object.entries(storage)) {
    if (typeof value !== "function" || key === "openShareLink") {
      wrapped[key] = value;
      continue;
    }
    wrapped[key] = (...args: unknown[]) =>
      (value as (...input: unknown[]) => Promise<unknown>).apply(storage, args).catch(translate);
  }
  return wrapped as unknown as FileStorage;
}

async function exists(c: dav.DavCall, path: UserPath): Promise<FileEntry | null> {
  try {
    return await dav.statEntry(c, path);
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

function clampPreview(value: number): number {
  return Math.min(Math.max(Math.round(value) || 1, 16), 2048);
}

function clampLimit(value: number): number {
  return Math.min(Math.max(Math.floor(value) || 1, 1), 1000);
}
