/**
 * The Nextcloud adapter as configured by the environment (server/env.ts): NEXTCLOUD_URL,
 * NEXTCLOUD_AUTH, NEXTCLOUD_TIMEOUT_MS, NEXTCLOUD_CHUNK_BYTES and the portal's public origin. Used by
 * server/files/get-file-storage.ts (FILES_BACKEND=nextcloud) and the account-connection routes.
 */
import "server-only";
import { env, portalUrl, type TEnv } from "@/server/env";
import { AppError } from "@/server/errors";
import type { FileStorage } from "@/server/files/storage";
import { NextcloudClient } from "@/integrations/nextcloud/http/nextcloud-client";
import { createNextcloudStorage } from "@/integrations/nextcloud/nextcloud-storage";

export function createNextcloudStorageFromEnv(config: TEnv = env()): FileStorage {
  if (!config.NEXTCLOUD_URL) throw new AppError("NOT_CONFIGURED", { userMessage: "Nextcloud is not configured" });
  return createNextcloudStorage({
    url: config.NEXTCLOUD_URL,
    auth: config.NEXTCLOUD_AUTH,
    timeoutMs: config.NEXTCLOUD_TIMEOUT_MS,
    chunkBytes: config.NEXTCLOUD_CHUNK_BYTES,
    portalOrigin: portalUrl(config),
  });
}

/** The Nextcloud client when files live on Nextcloud with per-user app passwords, else NOT_CONFIGURED. */
export function appPasswordClientFromEnv(): NextcloudClient {
  const config = env();
  if (config.FILES_BACKEND !== "nextcloud" || !config.NEXTCLOUD_URL || config.NEXTCLOUD_AUTH !== "app-password") {
    throw new AppError("NOT_CONFIGURED", {
      userMessage: "connecting a Nextcloud account is only needed with NEXTCLOUD_AUTH=app-password",
    });
  }
  return new NextcloudClient({ url: config.NEXTCLOUD_URL, timeoutMs: config.NEXTCLOUD_TIMEOUT_MS });
}
