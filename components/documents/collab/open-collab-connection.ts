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
 * Tokens come from POST /api/documents/<id>/collab-token and are fetched again when they are
 * about to expire or the server found one invalid.
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
  expiresAt: string;
  role: CollabRole;
  user: { id: string; displayName: string };
}

/** Tokens are renewed this long before they expire. */
const TOKEN_MARGIN_MS = 30_000;

export function openCollabConnection(options: OpenCollabConnectionOptions): CollabConnection {
  const origin = options.origin ?? window.location.origin;
  const fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  let token: TokenAnswer | null = null;
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
    if (token && Date.parse(token.expiresAt) - Date.now() > TOKEN_MARGIN_MS) return token;
    tokenRequest ??= (async () => {
      try {
        const response = await fetcher(new URL(options.tokenPath ?? collabTokenPath(options.documentId), origin), {
          method: "POST",
          headers: { "content-type": "application/json", ...options.tokenRequestHeaders },
          body: JSON.stringify(options.link ? { link: options.link } : {}),
          credentials: "same-origin",
          cache: "no-store",
        });
        if (!response.ok) {
          state.error = response.status === 404 || response.status === 403 ? "forbidden" : "unavailable";
          publish();
          throw new Error(`collaboration token: HTTP ${response.status}`);
        }
        const answer = (await response.json()) as TokenAnswer;
        token = answer;
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
      if (reason === "invalid-token") token = null;
      state.error = isCollabRefusalReason(reason) ? reason : "forbidden";
      publish();
    });
    provider.on("close", ({ event }: { event: { reason?: string } }) => {
      if (isCollabRefusalReason(event.reason)) {
        state.error = event.reason;
        publish();
      }
    });
    provider.on("unsyncedChanges", () => refreshStatus());
    provider.on("synced", () => refreshStatus());
    provider.on("authenticated", () => {
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
    if (isCollabRefusalReason(event.reason)) state.error = event.reason;
    refreshStatus();
  });

  return {
    documentId: options.documentId,
    content,
    comments,
    socket,
    user: () => token?.user ?? null,
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
