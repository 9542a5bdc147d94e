/**
 * Share links: the owner makes a link that grants a role to whoever signed in opens it; they can
 * revoke it. The token is shown once, at creation (only its SHA-256 is stored, access.ts). Opening a
 * link makes the person a member with the link's role (never lowering a role they already have),
 * so the document then appears in their "shared with me" list and the collaboration server
 * authorises them like any member.
 */
import "server-only";
import { disconnectLink } from "@/server/collab/disconnect-user";
import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { db } from "@/server/db/client";
import { documentLinks, documentMembers, type DocumentRole } from "@/server/documents/schema";
import { getDocumentRole, hashLinkToken, resolveLinkToken, roleAtLeast } from "@/server/documents/access";
import { requireDocumentRole } from "@/server/documents/require-document-role";
import type { ShareableRole } from "@/server/documents/document-schemas";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { AppError } from "@/server/errors";

export interface ShareLink {
  id: string;
  role: ShareableRole;
  createdAt: string;
}

export async function createShareLink(
  actorId: string,
  documentId: string,
  role: ShareableRole,
): Promise<ShareLink & { token: string }> {
  await requireDocumentRole(actorId, documentId, "owner");
  const token = randomBytes(24).toString("base64url");
  const database = await db();
  const [row] = await database
    .insert(documentLinks)
    .values({ documentId, role, tokenHash: hashLinkToken(token), createdBy: actorId })
    .returning({ id: documentLinks.id, role: documentLinks.role, createdAt: documentLinks.createdAt });
  if (!row) throw new Error("link insert returned no row");
  await recordAuditEvent({
    action: "documents.link_created",
    actorUserId: actorId,
    targetType: "document",
    targetId: documentId,
    details: { linkId: row.id, role },
  });
  return { id: row.id, role: row.role, createdAt: row.createdAt.toISOString(), token };
}

/** Live (not revoked) links; the owner manages them. */
export async function listShareLinks(actorId: string, documentId: string): Promise<ShareLink[]> {
  await requireDocumentRole(actorId, documentId, "owner");
  const database = await db();
  const rows = await database
    .select({ id: documentLinks.id, role: documentLinks.role, createdAt: documentLinks.createdAt })
    .from(documentLinks)
    .where(and(eq(documentLinks.documentId, documentId), isNull(documentLinks.revokedAt)))
    .orderBy(desc(documentLinks.createdAt));
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

export async function revokeShareLink(actorId: string, documentId: string, linkId: string): Promise<void> {
  await requireDocumentRole(actorId, documentId, "owner");
  const database = await db();
  const revoked = await database
    .update(documentLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(documentLinks.id, linkId), eq(documentLinks.documentId, documentId), isNull(documentLinks.revokedAt)))
    .returning({ id: documentLinks.id });
  if (revoked.length === 0) throw new AppError("NOT_FOUND", { userMessage: "no live link with this id" });
  await recordAuditEvent({
    action: "documents.link_revoked",
    actorUserId: actorId,
    targetType: "document",
    targetId: documentId,
    details: { linkId },
  });
  await disconnectLink(documentId, linkId);
}

/** Opens a link as `userId`: returns the document and the role they now hold. */
export async function acceptShareLink(
  userId: string,
  token: string,
): Promise<{ documentId: string; role: DocumentRole }> {
  const link = await resolveLinkToken(token);
  if (!link) throw new AppError("NOT_FOUND", { userMessage: "this link is not valid (revoked, expired or unknown)" });
  const current = await getDocumentRole(userId, link.documentId);
  if (roleAtLeast(current, link.role)) return { documentId: link.documentId, role: current ?? link.role };
  const database = await db();
  await database
    .insert(documentMembers)
    .values({ documentId: link.documentId, userId, role: link.role, lastOpenedAt: new Date() })
    .onConflictDoUpdate({ target: [documentMembers.documentId, documentMembers.userId], set: { role: link.role } });
  await recordAuditEvent({
    action: "documents.link_accepted",
    actorUserId: userId,
    targetType: "document",
    targetId: link.documentId,
    details: { linkId: link.linkId, role: link.role },
  });
  return { documentId: link.documentId, role: link.role };
}
