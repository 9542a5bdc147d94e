/**
 * Revocation: when a person loses their role on a document (share removed or lowered, document
 * deleted), their open collaboration connections to it close at once, in every collaboration
 * process. Their client then asks for a new token, which the new role governs (and a reconnection
 * with an old token is checked against the database role anyway: auth-extension.ts).
 */
import "server-only";
import { getCollabRuntime } from "@/server/collab/collab-runtime";

/** Closes the user's connections to the document here and, through Redis, in the other processes. */
export async function disconnectUser(documentId: string, userId: string): Promise<void> {
  const runtime = getCollabRuntime();
  if (!runtime) return;
  runtime.server.disconnectUserLocally(documentId, userId);
  await runtime.bus?.publishRevocation(documentId, userId);
}

/** Closes the connections whose role came from a share link (the link was revoked), in every process. */
export function disconnectLink(documentId: string, linkId: string): Promise<void> {
  return disconnectUser(documentId, `link:${linkId}`);
}

/** Closes everyone's connections to the document (it was deleted), in every process. */
export function disconnectEveryone(documentId: string): Promise<void> {
  return disconnectUser(documentId, "*");
}
