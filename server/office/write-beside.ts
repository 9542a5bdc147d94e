/**
 * Writes a new file into a folder under a name that is free: `Compte rendu.pdf`, else
 * `Compte rendu (2).pdf`, `(3)`… The storage refuses to overwrite (CONFLICT) and the next name is
 * tried, so two conversions at the same moment never overwrite each other or an existing file.
 * The body is produced afresh for each attempt (a stream can be consumed once).
 */
import "server-only";
import type { Readable } from "node:stream";
import { AppError } from "@/server/errors";
import { getFileStorage } from "@/server/files/get-file-storage";
import { joinUserPath, parseFileName } from "@/server/files/paths";
import type { FileEntry, StorageContext, UserPath } from "@/server/files/storage";

const MAX_ATTEMPTS = 50;

export async function writeUnderFreeName(
  context: StorageContext,
  folder: UserPath,
  base: string,
  extension: string,
  openBody: () => Promise<{ body: Readable; size?: number }>,
): Promise<FileEntry> {
  const storage = getFileStorage();
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const name = parseFileName(attempt === 1 ? `${base}.${extension}` : `${base} (${attempt}).${extension}`);
    const target = joinUserPath(folder, name);
    const exists = await storage.stat(context, target).then(
      () => true,
      (error: unknown) => {
        if (error instanceof AppError && error.code === "NOT_FOUND") return false;
        throw error;
      },
    );
    if (exists) continue;
    const { body, size } = await openBody();
    try {
      return await storage.write(context, target, body, { overwrite: false, ...(size !== undefined ? { size } : {}) });
    } catch (error: unknown) {
      body.destroy();
      if (error instanceof AppError && error.code === "CONFLICT") continue;
      throw error;
    }
  }
  throw new AppError("CONFLICT", { userMessage: "no free name for the new file in this folder" });
}
