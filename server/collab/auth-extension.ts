/**
 * Who may join which document, in which mode: verifies the collaboration token
 * (collab-token.ts), checks it names the document being joined, re-reads the person's role and
 * their portal session now (current-access.ts: a token lives a few minutes; a share removed or a
 * session signed out a second ago must already count), and sets the connection read-only where
 * the role table says so. Read-only is enforced by Hocuspocus itself: it answers a read-only
 * connection's updates without applying them. What happens when the token expires on an open
 * connection is token-lifetime-extension.ts.
 *
 *   part      reader     commenter   editor / owner
 *   content   read       read        read-write
 *   comments  read       read-write  read-write
 */
import "server-only";
import type { Extension, onAuthenticatePayload } from "@hocuspocus/server";
import { verifyCollabToken } from "@/server/collab/collab-token";
import { COLLAB_REFUSALS, collabRefusal, type CollabContext } from "@/server/collab/collab-context";
import { currentAccessFromDatabase, type CurrentAccessReader } from "@/server/collab/current-access";
import { parseDocumentName } from "@/server/collab/document-names";
import { lowerRole, roleAtLeast } from "@/server/documents/access";
import type { DocumentPart, DocumentRole } from "@/server/documents/schema";

export function canWrite(role: DocumentRole, part: DocumentPart): boolean {
  return roleAtLeast(role, part === "content" ? "editor" : "commenter");
}

export interface AuthExtensionOptions {
  secret: string;
  /** Role and session lookups (default: the database). */
  currentAccess?: CurrentAccessReader;
}

/** The connection's context plus when its token expires (read by token-lifetime-extension.ts). */
export interface AuthenticatedContext extends CollabContext {
  tokenIssuedAt: number;
  tokenExpiresAt: number;
}

export function createAuthExtension(options: AuthExtensionOptions): Extension {
  const currentAccess = options.currentAccess ?? currentAccessFromDatabase;
  return {
    extensionName: "portal-auth",
    async onAuthenticate(data: onAuthenticatePayload): Promise<AuthenticatedContext> {
      const address = parseDocumentName(data.documentName);
      if (!address) throw collabRefusal(COLLAB_REFUSALS.wrongDocument);
      const claims = await verifyCollabToken(data.token, options.secret);
      if (!claims) throw collabRefusal(COLLAB_REFUSALS.invalidToken);
      if (claims.documentId !== address.documentId) throw collabRefusal(COLLAB_REFUSALS.wrongDocument);
      const access = await currentAccess(claims);
      if (!access.sessionActive) throw collabRefusal(COLLAB_REFUSALS.sessionEnded);
      const role = lowerRole(claims.role, access.role);
      if (!role) throw collabRefusal(COLLAB_REFUSALS.forbidden);
      data.connectionConfig.readOnly = !canWrite(role, address.part);
      return {
        userId: claims.userId,
        displayName: claims.displayName,
        role,
        documentId: address.documentId,
        part: address.part,
        linkId: claims.linkId,
        sessionId: claims.sessionId,
        tokenIssuedAt: claims.issuedAt.getTime(),
        tokenExpiresAt: claims.expiresAt.getTime(),
      };
    },
  };
}
