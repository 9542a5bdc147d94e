/**
 * What the Files JSON routes (app/api/files/**, Next route handlers under withSession) share: the
 * storage and context for a request (its signal aborts the backend call when the browser goes
 * away), the schemas of opaque ids and file names, and the audit record of a files action.
 *
 * Audit events carry ids only, like every other event of the log (server/audit/): a file's stable
 * id, never its path — paths are names chosen by people and may hold a patient's name.
 */
import "server-only";
import { z } from "zod";
import type { AuditAction } from "@/server/audit/actions";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { requestMeta } from "@/server/auth/request-meta";
import type { PortalUser } from "@/server/auth/portal-user";
import { AppError } from "@/server/errors";
import { getFileStorage } from "@/server/files/get-file-storage";
import { parseFileName } from "@/server/files/paths";
import type { FileStorage, StorageContext } from "@/server/files/storage";

export async function filesFor(
  user: PortalUser,
  request: Request,
): Promise<{ storage: FileStorage; context: StorageContext }> {
  return { storage: getFileStorage(), context: { user, signal: request.signal } };
}

/**
 * An id the storage made (trash entry, share): opaque, so only its shape is checked — no path
 * separators, no control characters, not a dot segment. Nextcloud's trash ids are file names
 * (`report.pdf.d1764000000`), hence the permissive character set.
 */
export const ZOpaqueId = z
  .string()
  .min(1, "id is required")
  .max(512, "id is too long")
  .regex(/^[^/\\\x00-\x1f\x7f]+$/, "id is malformed")
  .refine((value) => value !== "." && value !== "..", "id is malformed");

/** One path segment: a new name for a file or folder, validated by parseFileName (400 naming the problem). */
export const ZFileName = z
  .string()
  .max(1024, "name is too long")
  .transform((value, ctx) => {
    try {
      return parseFileName(value);
    } catch (error: unknown) {
      ctx.addIssue({ code: "custom", message: error instanceof AppError ? error.userMessage : "invalid name" });
      return z.NEVER;
    }
  });

export async function auditFilesAction(
  action: AuditAction,
  user: PortalUser,
  target: { type: "file" | "share"; id: string },
  details: Record<string, string | number | boolean | null> = {},
): Promise<void> {
  await recordAuditEvent({
    action,
    actorUserId: user.id,
    targetType: target.type,
    targetId: target.id,
    ...(await requestMeta()),
    details,
  });
}
