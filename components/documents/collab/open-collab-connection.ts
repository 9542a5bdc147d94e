/**
 * The browser side of a document's collaboration session: one connection (WebSocket, or the HTTP
 * fallback when WebSockets do not work here — transport-chooser.ts) carrying two Yjs documents,
 * the content and the comments, each with its HocuspocusProvider. The editor binds tiptap's
 * Collaboration to `content.document` (field CONTENT_FIELD) and CollaborationCaret to
 * `content.provider`; the comments model works on `comments.document`.
 *
 * The state the editor shows is `getState()` / `subscribe()`:
 *   status          connecting | connected | offline | fallback-http (connected over HTTP)
 *   pendingChanges  local changes the server has not acknowledged (stored) yet; edits made offline
 *                   stay in the Y.Doc and are sent, and merged, when the connection returns
 *   readOnly        the server's verdict for the content (reader, commenter)
 *   error           why the server refused or closed the session (COLLAB_REFUSAL_REASONS)
 *
 * Tokens come from POST /api/documents/<id>/collab-token. The server asks for a fresh one on the
 * open connection shortly before the current one expires (Hocuspocus' token sync: the provider
 * answers with `token()`), so a long session never reconnects for a token; `token()` therefore
 * fetches a new token whenever less than half of the cached one's lifetime is left (the server
 * asks when a third is left). Should the server still close a document for `token-expired` (the
 * portal was unreachable at that moment), the document re-joins at once on the same socket with a
 * fresh token; unacknowledged edits are still in the Y.Doc and the sync exchange sends them.
 * `session-ended` (signed out, session revoked or timed out) and `access-revoked` end the session
 * for good and are shown.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import * as Y from "yjs";
import {
  collabTokenPath,
  collabWebSocketUrl,
  commentsDocumentName,
  contentDocumentName,
  isCollabRefusalReason,
  type CollabRefusalReason,
} from "@/components/documents/collab/collab-protocol";
import { TransportChooser, type TransportKind } from "@/components/documents/collab/transport-chooser";

export type CollabStatus = "connecting" | "connected" | "offline" | "fallback-http";
export type CollabRole = "reader" | "commenter" | "editor" | "owner";

export interface CollabState {
  status: CollabStatus;
  transport: TransportKind;
  /** Both documents received the server's state at least once since the last (re)connection. */
  synced: boolean;
  pendingChanges: number;
  role: CollabRole | null;
  readOnly: boolean;
  error: CollabRefusalReason | "unavailable" | null;
}

export interface CollabDocumentHandle {
  document: Y.Doc;
  provider: HocuspocusProvider;
}

export interface CollabConnection {
  documentId: string;
  content: CollabDocumentHandle;
  comments: CollabDocumentHandle;
  socket: HocuspocusProviderWebsocket;
  /** The signed-in person as the token names them (null until the first token arrives). */
  user(): { id: string; displayName: string } | null;
  getState(): CollabState;
  subscribe(listener: (state: CollabState) => void): () => void;
  destroy(): void;
}

export interface OpenCollabConnectionOptions {
  documentId: string;
  /** Share-link token when the page was opened through a link. */
  link?: string;
  /** Portal origin (default: the page's). */
  origin?: string;
  /** Start on, or force, a transport (tests; the e2e of the fallback). */
  transport?: TransportKind;
  forceTransport?: boolean;
  fetch?: typeof fetch;
  WebSocket?: typeof WebSocket;
  /** Where to ask for tokens instead of /api/documents/<id>/collab-token (the embed iframe's own route). */
  tokenPath?: string;
  /** Extra headers for the token request (tests outside a browser: the session cookie). */
  tokenRequestHeaders?: Record<string, string>;
}

interface TokenAnswer {
  token: string;
  /** Absent from older answers: the time of receipt stands in. */
  issuedAt?: string;
  expiresAt: string;
  role: CollabRole;
  user: { id: string; displayName: string };
}

/** A cached token is used while more than this much of its life is left: min(45 s, half its lifetime). */
const MAX_TOKEN_MARGIN_MS = 45_000;

interface CachedToken {
  answer: TokenAnswer;
  issuedAt: number;
  expiresAt: number;
}

function stillFresh(cached: CachedToken, now: number): boolean {
  const margin = Math.min(MAX_TOKEN_MARGIN_MS, (cached.expiresAt - cached.issuedAt) / 2);
  return cached.expiresAt - now > margin;
}

export function openCollabConnection(options: OpenCollabConnectionOptions): CollabConnection {
  const origin = options.origin ?? window.location.origin;
  const fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  let token: CachedToken | null = null;
  let tokenRequest: Promise<TokenAnswer> | null = null;
  const listeners = new Set<(state: CollabState) => void>();
  let everConnected = false;
  let destroyed = false;

  const state: CollabState = {
    status: "connecting",
    transport: options.transport ?? "websocket",
    synced: false,
    pendingChanges: 0,
    role: null,
    readOnly: true,
    error: null,
  };

  const publish = (): void => {
    const snapshot = { ...state };
    for (const listener of [...listeners]) listener(snapshot);
  };

  const fetchToken = async (): Promise<TokenAnswer> => {
    if (token && stillFresh(token, Date.now())) return token.answer;
    tokenRequest ??= (async () => {
      try {
        let response: Response;
        try {
          response = await fetcher(new URL(options.tokenPath ?? collabTokenPath(options.documentId), origin), {
            method: "POST",
            headers: { "content-type": "application/json", ...options.tokenRequestHeaders },
            body: JSON.stringify(options.link ? { link: options.link } : {}),
            credentials: "same-origin",
            cache: "no-store",
          });
        } catch (error: unknown) {
          throw new TokenUnavailableError(String(error));
        }
        if (!response.ok) {
          const refusal = refusalForTokenStatus(response.status, token !== null);
          if (!refusal) throw new TokenUnavailableError(`HTTP ${response.status}`);
          state.error = refusal;
          publish();
          throw new Error(`collaboration token: HTTP ${response.status}`);
        }
        const receivedAt = Date.now();
        const answer = (await response.json()) as TokenAnswer;
        const issuedAt = answer.issuedAt ? Date.parse(answer.issuedAt) : receivedAt;
        token = {
          answer,
          issuedAt: Number.isNaN(issuedAt) ? receivedAt : issuedAt,
          expiresAt: Date.parse(answer.expiresAt),
        };
        state.role = answer.role;
        return answer;
      } finally {
        tokenRequest = null;
      }
    })();
    return tokenRequest;
  };

  const chooser = new TransportChooser({
    initial: options.transport,
    forced: options.forceTransport,
    WebSocket: options.WebSocket,
    fetch: options.fetch,
    onChange: (kind) => {
      state.transport = kind;
      refreshStatus();
    },
  });
  state.transport = chooser.kind;

  const socket = new HocuspocusProviderWebsocket({
    url: collabWebSocketUrl(origin, options.documentId),
    WebSocketPolyfill: chooser.socketClass(),
    // Reconnect quickly: the first retry is the one that may switch to the fallback.
    delay: 500,
    minDelay: 500,
    maxDelay: 10_000,
    // The server answers at least every 15 s (awareness); notice a dead link well before 30 s.
    messageReconnectTimeout: 30_000,
  });

  const makeProvider = (name: string, document: Y.Doc): HocuspocusProvider => {
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document,
      token: async () => (await fetchToken()).token,
    });
    provider.on("authenticationFailed", ({ reason }: { reason: string }) => {
      if (reason === "invalid-token" || reason === "token-expired") token = null;
      if (isCollabRefusalReason(reason)) {
        state.error = reason;
      } else {
        // The provider could not get a token. A refusal by the portal was already recorded by
        // fetchToken (and ends the session). The portal unreachable while refreshing an open
        // document changes nothing yet (the server decides at expiry, and the document re-joins
        // then); while joining, say so and try again shortly.
        if (provider.isAuthenticated) return;
        if (state.error !== null && state.error !== "unavailable") return;
        state.error = "unavailable";
        scheduleRejoin();
      }
      publish();
    });
    let rejoinAttempts = 0;
    let rejoinTimer: ReturnType<typeof setTimeout> | undefined;
    const rejoin = (): void => {
      if (!destroyed && socket.status === "connected" && !provider.isAuthenticated) void provider.onOpen({} as Event);
    };
    const scheduleRejoin = (): void => {
      clearTimeout(rejoinTimer);
      rejoinAttempts += 1;
      rejoinTimer = setTimeout(rejoin, Math.min(10_000, 250 * 2 ** rejoinAttempts));
    };
    provider.on("destroy", () => clearTimeout(rejoinTimer));
    provider.on("close", ({ event }: { event: { reason?: string } }) => {
      if (event.reason === "token-expired") {
        // Not a refusal: no fresh token reached the server in time. Re-join this document now on
        // the same connection (the socket carries on if it is up; otherwise its reconnection does).
        token = null;
        rejoin();
        return;
      }
      if (isCollabRefusalReason(event.reason)) {
        state.error = event.reason;
        publish();
      }
    });
    provider.on("unsyncedChanges", () => refreshStatus());
    provider.on("synced", () => refreshStatus());
    provider.on("authenticated", () => {
      rejoinAttempts = 0;
      if (name === contentDocumentName(options.documentId)) state.readOnly = provider.authorizedScope === "readonly";
      state.error = null;
      refreshStatus();
    });
    provider.attach();
    return provider;
  };

  const content: CollabDocumentHandle = { document: new Y.Doc(), provider: undefined as unknown as HocuspocusProvider };
  content.provider = makeProvider(contentDocumentName(options.documentId), content.document);
  const comments: CollabDocumentHandle = {
    document: new Y.Doc(),
    provider: undefined as unknown as HocuspocusProvider,
  };
  comments.provider = makeProvider(commentsDocumentName(options.documentId), comments.document);

  function refreshStatus(): void {
    if (destroyed) return;
    const connected = socket.status === "connected";
    if (connected) everConnected = true;
    const online = typeof navigator === "undefined" || navigator.onLine !== false;
    state.transport = chooser.kind;
    state.status = connected
      ? chooser.kind === "http"
        ? "fallback-http"
        : "connected"
      : everConnected || !online
        ? "offline"
        : "connecting";
    state.synced = content.provider.isSynced && comments.provider.isSynced;
    state.pendingChanges = content.provider.unsyncedChanges + comments.provider.unsyncedChanges;
    publish();
  }

  socket.on("status", () => refreshStatus());
  socket.on("close", ({ event }: { event: { code?: number; reason?: string } }) => {
    if (isCollabRefusalReason(event.reason) && event.reason !== "token-expired") state.error = event.reason;
    refreshStatus();
  });

  return {
    documentId: options.documentId,
    content,
    comments,
    socket,
    user: () => token?.answer.user ?? null,
    getState: () => ({ ...state }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      destroyed = true;
      listeners.clear();
      content.provider.destroy();
      comments.provider.destroy();
      socket.destroy();
    },
  };
}

/** Why the portal refused a token: 401 = the session ended; 403/404 = no role (any more); else null. */
function refusalForTokenStatus(status: number, hadToken: boolean): CollabRefusalReason | null {
  if (status === 401) return "session-ended";
  if (status === 403 || status === 404) return hadToken ? "access-revoked" : "forbidden";
  return null;
}

/** The portal could not be reached for a token (network, 5xx): not a refusal. */
class TokenUnavailableError extends Error {}
