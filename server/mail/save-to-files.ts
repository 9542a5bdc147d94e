/**
 * "Save to Files": an attachment streamed from IMAP straight into the user's Files storage (local
 * or Nextcloud), under a free name in the chosen folder ("name (2).pdf" when taken). Audited with
 * ids only.
 */
import "server-only";
import type { Readable } from "node:stream";
import type { PortalUser } from "@/server/auth/portal-user";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { requestMeta } from "@/server/auth/request-meta";
import { AppError } from "@/server/errors";
import { getFileStorage } from "@/server/files/get-file-storage";
import { joinUserPath, parseFileName, parseUserPath } from "@/server/files/paths";
import { withMailbox } from "@/server/mail/mail-imap";
import { safeAttachmentName } from "@/server/mail/http/attachment-route";

function candidateName(name: string, attempt: number): string {
  if (attempt === 1) return name;
  const dot = name.lastIndexOf(".");
  return dot > 0 ? `${name.slice(0, dot)} (${attempt})${name.slice(dot)}` : `${name} (${attempt})`;
}

export async function saveAttachmentToFiles(
  user: PortalUser,
  input: { folder: string; uid: number; part: string; targetFolder: string },
  signal?: AbortSignal,
): Promise<{ path: string }> {
  const target = parseUserPath(input.targetFolder);
  const storage = getFileStorage();
  const context = { user, signal };
  const folderEntry = await storage.stat(context, target);
  if (folderEntry.kind !== "folder")
    throw new AppError("BAD_REQUEST", { userMessage: "invalid targetFolder: not a folder" });
  const saved = await withMailbox(
    user,
    async (client) => {
      const lock = await client.getMailboxLock(input.folder, { readOnly: true });
      try {
        for (let attempt = 1; attempt <= 20; attempt += 1) {
          const { meta, content } = await client.download(String(input.uid), input.part, { uid: true });
          if (!content || !meta) throw new AppError("NOT_FOUND", { userMessage: "no such message or part" });
          let name: string;
          try {
            name = parseFileName(candidateName(safeAttachmentName(meta.filename, input.part), attempt));
          } catch {
            name = candidateName(`piece-jointe-${input.part}`, attempt);
          }
          try {
            return await storage.write(context, joinUserPath(target, name), content as Readable);
          } catch (error) {
            (content as Readable).destroy();
            if (error instanceof AppError && error.code === "CONFLICT") continue;
            throw error;
          }
        }
        throw new AppError("CONFLICT", { userMessage: "too many files with that name in the folder" });
      } finally {
        lock.release();
      }
    },
    { signal, timeoutMs: 30 * 60_000 },
  );
  await recordAuditEvent({
    action: "mail.saved_to_files",
    actorUserId: user.id,
    targetType: "file",
    targetId: saved.id,
    ...(await requestMeta()),
  });
  return { path: saved.path };
}
