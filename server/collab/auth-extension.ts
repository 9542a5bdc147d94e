/**
 * Who may join which document, in which mode: verifies the collaboration token
 * (collab-token.ts), checks it names the document being joined, re-reads the person's role now (a
 * token lives a few minutes; a share removed a second ago must already count), and sets the
 * connection read-only where the role table says so. Read-only is enforced by Hocuspocus itself:
 * it answers a read-only connection's updates without applying them.
 *
 *   part      reader     commenter   editor / owner
 *   content   read       read        read-write
 *   comments  read       read-write  read-write
 */
import "server-only";
import type { Extension, onAuthenticatePayload } from "@hocuspocus/server";
import { verifyCollabToken } from "@/server/collab/collab-token";
import { COLLAB_REFUSALS, collabRefusal, type CollabContext } from "@/server/collab/collab-context";
import { parseDocumentName } from "@/server/collab/document-names";
import { getDocumentRole, getLinkRoleById, higherRole, lowerRole, roleAtLeast } from "@/server/documents/access";
import type { DocumentPart, DocumentRole } from "@/server/documents/schema";

export function canWrite(role: DocumentRole, part: DocumentPart): boolean {
  return roleAtLeast(role, part === "content" ? "editor" : "commenter");
}

export interface AuthExtensionOptions {
  secret: string;
  /** Role lookups, replaceable for the stock-server comparison in benchmarks only. */
  currentRole?: (userId: string, documentId: string, linkId: string | null) => Promise<DocumentRole | null>;
}

async function currentRoleFromDatabase(
  userId: string,
  documentId: string,
  linkId: string | null,
): Promise<DocumentRole | null> {
  const [own, link] = await Promise.all([
    getDocumentRole(userId, documentId),
    linkId ? getLinkRoleById(linkId, documentId) : Promise.resolve(null),
  ]);
  return higherRole(own, link);
}

export function createAuthExtension(options: AuthExtensionOptions): Extension {
  const currentRole = options.currentRole ?? currentRoleFromDatabase;
  return {
    extensionName: "portal-auth",
    async onAuthenticate(data: onAuthenticatePayload): Promise<CollabContext> {
      const address = parseDocumentName(data.documentName);
      if (!address) throw collabRefusal(COLLAB_REFUSALS.wrongDocument);
      const claims = await verifyCollabToken(data.token, options.secret);
      if (!claims) throw collabRefusal(COLLAB_REFUSALS.invalidToken);
      if (claims.documentId !== address.documentId) throw collabRefusal(COLLAB_REFUSALS.wrongDocument);
      const role = lowerRole(claims.role, await currentRole(claims.userId, claims.documentId, claims.linkId));
      if (!role) throw collabRefusal(COLLAB_REFUSALS.forbidden);
      data.connectionConfig.readOnly = !canWrite(role, address.part);
      return {
        userId: claims.userId,
        displayName: claims.displayName,
        role,
        documentId: address.documentId,
        part: address.part,
        linkId: claims.linkId,
      };
    },
  };
}
