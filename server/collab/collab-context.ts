/**
 * What the collaboration server knows about a connection once its token is verified: who, on
 * which document part, in which role. Hocuspocus keeps it as the connection's `context`.
 */
import type { DocumentPart, DocumentRole } from "@/server/documents/schema";

export interface CollabContext {
  userId: string;
  displayName: string;
  role: DocumentRole;
  documentId: string;
  part: DocumentPart;
  /** The share link the role came from, when it did (a revoked link closes these connections). */
  linkId: string | null;
  /** The portal session the token came from (its end ends the connection at the token's expiry). */
  sessionId: string | null;
}

/**
 * Reasons the server gives when it refuses or closes a connection, as the client sees them (the
 * provider's permission-denied reason or close reason). components/documents/collab/ maps them to
 * messages.
 */
export const COLLAB_REFUSALS = {
  invalidToken: "invalid-token",
  wrongDocument: "wrong-document",
  forbidden: "forbidden",
  accessRevoked: "access-revoked",
  documentTooLarge: "document-too-large",
  tooManyMessages: "too-many-messages",
  storageUnavailable: "storage-unavailable",
  /** The token expired and no fresh one was presented on the connection (the client reconnects). */
  tokenExpired: "token-expired",
  /** The portal session the token came from was signed out, revoked or timed out. */
  sessionEnded: "session-ended",
} as const;

export type CollabRefusal = (typeof COLLAB_REFUSALS)[keyof typeof COLLAB_REFUSALS];

/** WebSocket close codes (4000–4999 is for applications) matching the reasons above. */
export const COLLAB_CLOSE_CODES: Record<CollabRefusal, number> = {
  "invalid-token": 4401,
  "wrong-document": 4403,
  forbidden: 4403,
  "access-revoked": 4403,
  "document-too-large": 4413,
  "too-many-messages": 4429,
  "storage-unavailable": 4503,
  "token-expired": 4401,
  "session-ended": 4401,
};

/** An error Hocuspocus turns into a permission-denied message or a close with this reason. */
export function collabRefusal(reason: CollabRefusal): Error & { code: number; reason: CollabRefusal } {
  return Object.assign(new Error(reason), { code: COLLAB_CLOSE_CODES[reason], reason });
}
