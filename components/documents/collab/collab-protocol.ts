/**
 * The collaboration endpoints and the reasons the server gives when it refuses or closes a
 * connection — the contract between this browser module and server/collab/ (which cannot be
 * imported here). A test checks both sides agree.
 *
 *   WebSocket:      /collab/<documentId>                  (Hocuspocus protocol; one socket carries
 *                                                          `<id>` and `<id>.comments`)
 *   HTTP fallback:  GET  /collab/http/<documentId>/events  (server-sent events, base64 messages)
 *                   POST /collab/http/<documentId>/messages?connection=<id>
 *   Token:          POST /api/documents/<documentId>/collab-token  {link?}
 */
export const COLLAB_REFUSAL_REASONS = [
  "invalid-token",
  "wrong-document",
  "forbidden",
  "access-revoked",
  "document-too-large",
  "too-many-messages",
  "storage-unavailable",
  "token-expired",
  "session-ended",
] as const;

export type CollabRefusalReason = (typeof COLLAB_REFUSAL_REASONS)[number];

export function isCollabRefusalReason(value: unknown): value is CollabRefusalReason {
  return typeof value === "string" && (COLLAB_REFUSAL_REASONS as readonly string[]).includes(value);
}

/** The Yjs document names of a portal document. */
export function contentDocumentName(documentId: string): string {
  return documentId;
}

export function commentsDocumentName(documentId: string): string {
  return `${documentId}.comments`;
}

/** The tiptap Collaboration field holding the content (`Collaboration.configure({ field })`). */
export const CONTENT_FIELD = "default";

export function collabWebSocketUrl(origin: string, documentId: string): string {
  const url = new URL(`/collab/${documentId}`, origin);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

/** The fallback's base (`…/collab/http/<id>`) for a WebSocket URL of the collaboration endpoint. */
export function fallbackBaseUrl(webSocketUrl: string): string {
  const url = new URL(webSocketUrl);
  url.protocol = url.protocol === "wss:" ? "https:" : "http:";
  const documentId = url.pathname.replace(/^\/collab\/?/, "").replace(/\/$/, "");
  url.pathname = `/collab/http/${documentId}`;
  url.search = "";
  return url.toString();
}

export function collabTokenPath(documentId: string): string {
  return `/api/documents/${documentId}/collab-token`;
}
