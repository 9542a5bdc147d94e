/**
 * The iframe's URLs, shared by proxy.ts (which frames them), the launch route (which redirects to
 * them) and the pages. Pure: no server imports, so proxy.ts and tests load it cheaply.
 *
 *   /embed/v1/launch#<one-time token>                                  the embed URL (E1's API)
 *   /embed/v1/clients/<clientId>/documents/<documentId>?parent=<origin> the chrome-less editor
 *
 * WHY the client id is in the editor's path: `frame-ancestors` must list exactly the allowed
 * origins of the session's client, and proxy.ts (which sets the CSP on every page) runs before
 * any page and should not query the database on each request. The client id in the path gives it
 * the list from EMBED_CLIENTS_FILE; the page then refuses to show anything unless the embed cookie's
 * session belongs to that same client and document, so a path naming another client frames only an
 * error message. `parent` is the framing page's origin (which of the client's allowed origins
 * launched this session): the postMessage targetOrigin, accepted only when it is one of them.
 */

export const EMBED_PAGES_PREFIX = "/embed/v1/";
export const EMBED_LAUNCH_PAGE = "/embed/v1/launch";

const CLIENT_ID = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EDITOR_PATH = /^\/embed\/v1\/clients\/([^/]+)\/documents\/([^/]+)\/?$/;

export function embedEditorPath(clientId: string, documentId: string, parentOrigin: string | null): string {
  const path = `${EMBED_PAGES_PREFIX}clients/${encodeURIComponent(clientId)}/documents/${encodeURIComponent(documentId)}`;
  return parentOrigin ? `${path}?parent=${encodeURIComponent(parentOrigin)}` : path;
}

/** The client and document an editor path names, or null when it is not one (or malformed). */
export function parseEmbedEditorPath(pathname: string): { clientId: string; documentId: string } | null {
  const match = EDITOR_PATH.exec(pathname);
  if (!match?.[1] || !match[2]) return null;
  const clientId = decodeURIComponent(match[1]);
  const documentId = decodeURIComponent(match[2]);
  return CLIENT_ID.test(clientId) && UUID.test(documentId) ? { clientId, documentId: documentId.toLowerCase() } : null;
}

/** `parent` when it is exactly one of the allowed origins, else the only allowed origin, else null. */
export function chooseParentOrigin(requested: string | null | undefined, allowed: readonly string[]): string | null {
  if (requested && allowed.includes(requested)) return requested;
  return allowed.length === 1 ? (allowed[0] ?? null) : null;
}
