/**
 * The check every document route starts with. Someone with no role on a document gets 404, exactly
 * as for a document that does not exist, so ids cannot be probed (no enumeration); someone who can
 * see it but lacks the role gets 403.
 */
import "server-only";
import { AppError } from "@/server/errors";
import { getDocumentRole, roleAtLeast } from "@/server/documents/access";
import type { DocumentRole } from "@/server/documents/schema";

export async function requireDocumentRole(
  userId: string,
  documentId: string,
  minimum: DocumentRole,
): Promise<DocumentRole> {
  const role = await getDocumentRole(userId, documentId);
  if (role === null) throw new AppError("NOT_FOUND", { userMessage: "document not found" });
  if (!roleAtLeast(role, minimum)) {
    throw new AppError("FORBIDDEN", { userMessage: `this needs the ${minimum} role on the document` });
  }
  return role;
}
