/**
 * The process's `FileStorage`, chosen by FILES_BACKEND: the local adapter (disk under FILES_ROOT,
 * metadata in the database) or Nextcloud. Adapters hold no per-user state (everything lives in the
 * database, on disk or in Nextcloud), so one instance per configuration serves every request; it
 * is rebuilt when the configuration object changes (tests switch FILES_ROOT between files).
 */
import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { env, portalUrl, type TEnv } from "@/server/env";
import { createLocalStorage } from "@/server/files/local/local-storage";
import type { FileStorage } from "@/server/files/storage";
import { createNextcloudStorageFromEnv } from "@/integrations/nextcloud/nextcloud-config";

let cached: { config: TEnv; storage: FileStorage } | undefined;

function build(config: TEnv): FileStorage {
  if (config.FILES_BACKEND === "local") {
    const root = path.resolve(config.FILES_ROOT);
    mkdirSync(root, { recursive: true, mode: 0o700 });
    return createLocalStorage({
      root,
      maxUploadBytes: config.FILES_MAX_UPLOAD_BYTES,
      trashRetentionDays: config.FILES_TRASH_RETENTION_DAYS,
      portalUrl: () => portalUrl(config),
    });
  }
  return createNextcloudStorageFromEnv(config);
}

export function getFileStorage(): FileStorage {
  const config = env();
  if (cached?.config !== config) cached = { config, storage: build(config) };
  return cached.storage;
}
