/**
 * A connection lives as long as its collaboration token, and no longer unless a fresh token
 * replaces it: before the token expires the server asks the client for a new one on the open
 * connection, and when it expires the server re-reads the person's role and portal session
 * (current-access.ts) before letting the connection go on under the new token.
 *
 * Why refresh on the open connection rather than close and reconnect: this is Hocuspocus' own
 * token sync (the server sends a token request, the official provider answers with its `token()`
 * function, which fetches a fresh one from the portal session), so nothing is torn down — no
 * resync, no caret vanishing for the others, no "reconnecting" in the editor, no edit in flight
 * anywhere but the Y.Doc — and it works the same on the WebSocket and the HTTP fallback, which
 * both carry the Hocuspocus messages.
 *
 * For each authenticated connection (one per document part):
 *   exp - lead   the server sends a token request (lead = a third of the token's lifetime, at most
 *                30 s; the browser refreshes when less than half its lifetime is left, so the
 *                token it answers with is always a new one);
 *   token sync   the presented token must verify and name the same person and document; a newer
 *                one is kept for the expiry check; an invalid one closes the connection at once;
 *   exp          with a newer token: role and session re-read from the database — the session
 *                ended → `session-ended`; no role any more, or a role that no longer allows this
 *                connection's writes → `access-revoked`; otherwise the connection goes on, under
 *                the new token's expiry. Without one: `token-expired` (or the more precise
 *                `session-ended` / `access-revoked` when that is why the client got none).
 * A role raised meanwhile does not turn a read-only connection writable: the client learns its
 * mode at authentication, so the higher role applies from its next connection.
 */
import "server-only";
import type { Connection, Extension, connectedPayload, onTokenSyncPayload } from "@hocuspocus/server";
import { canWrite, type AuthenticatedContext } from "@/server/collab/auth-extension";
import { COLLAB_CLOSE_CODES, COLLAB_REFUSALS, type CollabRefusal } from "@/server/collab/collab-context";
import { verifyCollabToken, type VerifiedCollabToken } from "@/server/collab/collab-token";
import { currentAccessFromDatabase, type CurrentAccessReader } from "@/server/collab/current-access";
import { lowerRole } from "@/server/documents/access";

export interface TokenLifetimeOptions {
  secret: string;
  currentAccess?: CurrentAccessReader;
  onError?: (error: unknown) => void;
}

const MAX_REQUEST_LEAD_MS = 30_000;

/** How long before a token's expiry the server asks for the next one. */
export function tokenRequestLeadMs(issuedAt: number, expiresAt: number): number {
  return Math.min(MAX_REQUEST_LEAD_MS, Math.max(0, expiresAt - issuedAt) / 3);
}

interface Lifetime {
  /** A verified token newer than the one the connection runs under, waiting for the expiry. */
  next: VerifiedCollabToken | null;
  requestTimer?: NodeJS.Timeout;
  expiryTimer?: NodeJS.Timeout;
  ended: boolean;
}

export function createTokenLifetimeExtension(options: TokenLifetimeOptions): Extension {
  const currentAccess = options.currentAccess ?? currentAccessFromDatabase;
  const lifetimes = new WeakMap<Connection, Lifetime>();

  const end = (connection: Connection, lifetime: Lifetime, reason: CollabRefusal): void => {
    if (lifetime.ended) return;
    lifetime.ended = true;
    clearTimeout(lifetime.requestTimer);
    clearTimeout(lifetime.expiryTimer);
    connection.close({ code: COLLAB_CLOSE_CODES[reason], reason });
  };

  const schedule = (connection: Connection, lifetime: Lifetime): void => {
    const context = connection.context as AuthenticatedContext;
    clearTimeout(lifetime.requestTimer);
    clearTimeout(lifetime.expiryTimer);
    const now = Date.now();
    const lead = tokenRequestLeadMs(context.tokenIssuedAt, context.tokenExpiresAt);
    lifetime.requestTimer = setTimeout(
      () => {
        if (!lifetime.ended) connection.requestToken();
      },
      Math.max(0, context.tokenExpiresAt - lead - now),
    );
    lifetime.expiryTimer = setTimeout(
      () => void expire(connection, lifetime),
      Math.max(0, context.tokenExpiresAt - now),
    );
    lifetime.requestTimer.unref();
    lifetime.expiryTimer.unref();
  };

  const expire = async (connection: Connection, lifetime: Lifetime): Promise<void> => {
    if (lifetime.ended) return;
    const context = connection.context as AuthenticatedContext;
    const next = lifetime.next && lifetime.next.expiresAt.getTime() > Date.now() ? lifetime.next : null;
    let access;
    try {
      access = await currentAccess(next ?? context);
    } catch (error: unknown) {
      options.onError?.(error);
      end(connection, lifetime, COLLAB_REFUSALS.storageUnavailable);
      return;
    }
    if (lifetime.ended) return;
    if (!access.sessionActive) return end(connection, lifetime, COLLAB_REFUSALS.sessionEnded);
    const role = lowerRole(next?.role ?? context.role, access.role);
    if (!role || (!connection.readOnly && !canWrite(role, context.part)))
      return end(connection, lifetime, COLLAB_REFUSALS.accessRevoked);
    if (!next) return end(connection, lifetime, COLLAB_REFUSALS.tokenExpired);
    // The connection goes on under the new token (the context object is the one Hocuspocus and
    // disconnectUserLocally read).
    Object.assign(context, {
      role,
      linkId: next.linkId,
      sessionId: next.sessionId,
      tokenIssuedAt: next.issuedAt.getTime(),
      tokenExpiresAt: next.expiresAt.getTime(),
    } satisfies Partial<AuthenticatedContext>);
    lifetime.next = null;
    schedule(connection, lifetime);
  };

  return {
    extensionName: "portal-token-lifetime",
    async connected({ connection }: connectedPayload) {
      const context = connection.context as Partial<AuthenticatedContext>;
      if (typeof context.tokenExpiresAt !== "number") return;
      const lifetime: Lifetime = { next: null, ended: false };
      lifetimes.set(connection, lifetime);
      connection.onClose(() => {
        lifetime.ended = true;
        clearTimeout(lifetime.requestTimer);
        clearTimeout(lifetime.expiryTimer);
      });
      schedule(connection, lifetime);
    },
    async onTokenSync({ connection, token }: onTokenSyncPayload) {
      const lifetime = lifetimes.get(connection);
      if (!lifetime || lifetime.ended) return;
      const context = connection.context as AuthenticatedContext;
      const claims = await verifyCollabToken(token, options.secret);
      if (!claims || claims.userId !== context.userId || claims.documentId !== context.documentId) {
        end(connection, lifetime, COLLAB_REFUSALS.invalidToken);
        return;
      }
      const newest = lifetime.next?.expiresAt.getTime() ?? context.tokenExpiresAt;
      // The same token again (or an older one) changes nothing: the connection still ends at expiry.
      if (claims.expiresAt.getTime() > newest) lifetime.next = claims;
    },
  };
}
