/**
 * A file of the signed-in user (or of the user an editor acts for) found by its storage id, the id
 * office editors know files by (stable across renames). NOT_FOUND for an unknown id, another
 * user's file and a folder alike, so an id tells a caller nothing it may not see.
 */
import "server-only";
import { AppError } from "@/server/errors";
import { getFileStorage } from "@/server/files/get-file-storage";
import type { FileEntry, StorageContext } from "@/server/files/storage";

/** Storage ids: a UUID locally, a number on Nextcloud; never a path. */
export const FILE_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

export async function resolveOfficeFile(context: StorageContext, fileId: string): Promise<FileEntry> {
  if (!FILE_ID_PATTERN.test(fileId)) throw new AppError("NOT_FOUND", { userMessage: "no such file" });
  const entry = await getFileStorage().statById(context, fileId);
  if (entry.kind !== "file") throw new AppError("NOT_FOUND", { userMessage: "no such file" });
  return entry;
}
