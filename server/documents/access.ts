/**
 * Who may do what with a document: the one authorisation check for documents, used by the
 * collaboration server (server/collab/), the document routes, import/export and versions.
 *
 * A person's role on a document is their member row (the owner has one too, role `owner`). A share
 * link grants its role to whoever holds its token; only the token's SHA-256 is stored, so a
 * database read yields no usable link. A deleted document grants nothing to anybody.
 *
 * Roles are ordered reader < commenter < editor < owner; compare them with `roleAtLeast`, never
 * with string equality, so that a new capability check reads as "editor or more".
 */
import "server-only";
import { createHash } from "node:crypto";
import { and, eq, gt, isNull, or } from "drizzle-orm";
import { db } from "@/server/db/client";
import {
  DOCUMENT_ROLES,
  documentLinks,
  documentMembers,
  documents,
  type DocumentRole,
} from "@/server/documents/schema";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isDocumentId(value: string): boolean {
  return UUID_PATTERN.test(value);
}

export function roleRank(role: DocumentRole): number {
  return DOCUMENT_ROLES.indexOf(role);
}

/** True when `role` grants at least what `minimum` grants (a missing role grants nothing). */
export function roleAtLeast(role: DocumentRole | null | undefined, minimum: DocumentRole): boolean {
  return role !== null && role !== undefined && roleRank(role) >= roleRank(minimum);
}

/** The higher of two roles (either may be missing). */
export function higherRole(a: DocumentRole | null, b: DocumentRole | null): DocumentRole | null {
  if (a === null) return b;
  if (b === null) return a;
  return roleRank(a) >= roleRank(b) ? a : b;
}

/** What a share link's token is stored as. */
export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The user's own role on a document that exists and is not deleted, else null. */
export async function getDocumentRole(userId: string, documentId: string): Promise<DocumentRole | null> {
  if (!isDocumentId(documentId) || !isDocumentId(userId)) return null;
  const rows = await (
    await db()
  )
    .select({ role: documentMembers.role })
    .from(documentMembers)
    .innerJoin(documents, eq(documents.id, documentMembers.documentId))
    .where(
      and(eq(documentMembers.documentId, documentId), eq(documentMembers.userId, userId), isNull(documents.deletedAt)),
    )
    .limit(1);
  return rows[0]?.role ?? null;
}

export interface ResolvedLink {
  linkId: string;
  documentId: string;
  role: "reader" | "commenter" | "editor";
}

/** The document and role a share-link token grants: null when unknown, revoked, expired or the document is deleted. */
export async function resolveLinkToken(token: string): Promise<ResolvedLink | null> {
  // Tokens are random strings the portal issued; anything absurd is not one (and is not hashed).
  if (token.length < 16 || token.length > 256) return null;
  const rows = await (
    await db()
  )
    .select({ linkId: documentLinks.id, documentId: documentLinks.documentId, role: documentLinks.role })
    .from(documentLinks)
    .innerJoin(documents, eq(documents.id, documentLinks.documentId))
    .where(
      and(
        eq(documentLinks.tokenHash, hashLinkToken(token)),
        isNull(documentLinks.revokedAt),
        or(isNull(documentLinks.expiresAt), gt(documentLinks.expiresAt, new Date())),
        isNull(documents.deletedAt),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

/**
 * The role a user has on a document, counting a share link they present (for this document only):
 * the higher of their member role and the link's role.
 */
export async function getEffectiveDocumentRole(
  userId: string,
  documentId: string,
  linkToken?: string,
): Promise<DocumentRole | null> {
  const own = await getDocumentRole(userId, documentId);
  if (!linkToken) return own;
  const link = await resolveLinkToken(linkToken);
  return link && link.documentId === documentId ? higherRole(own, link.role) : own;
}

/** The role a share link (by id) still grants on a document: null when revoked, expired or the document is deleted. */
export async function getLinkRoleById(linkId: string, documentId: string): Promise<ResolvedLink["role"] | null> {
  if (!isDocumentId(linkId) || !isDocumentId(documentId)) return null;
  const rows = await (
    await db()
  )
    .select({ role: documentLinks.role })
    .from(documentLinks)
    .innerJoin(documents, eq(documents.id, documentLinks.documentId))
    .where(
      and(
        eq(documentLinks.id, linkId),
        eq(documentLinks.documentId, documentId),
        isNull(documentLinks.revokedAt),
        or(isNull(documentLinks.expiresAt), gt(documentLinks.expiresAt, new Date())),
        isNull(documents.deletedAt),
      ),
    )
    .limit(1);
  return rows[0]?.role ?? null;
}

/** The lower of two roles (either missing: nothing). */
export function lowerRole(a: DocumentRole | null, b: DocumentRole | null): DocumentRole | null {
  if (a === null || b === null) return null;
  return roleRank(a) <= roleRank(b) ? a : b;
}
