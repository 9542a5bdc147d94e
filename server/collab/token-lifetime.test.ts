// Collaboration tokens expiring on open connections (token-lifetime-extension.ts), with a 3-second
// token lifetime (COLLAB_TOKEN_TTL_SECONDS) so that tests cross several expiries:
// - the browser module (components/documents/collab/) taking its tokens from the portal's real
//   token route, signed in with a real session row, types across two expiries on the WebSocket and
//   on the HTTP fallback: nothing lost, never re-joined, never shown as disconnected;
// - the session revoked or the share removed: at expiry the server ends the connection and the
//   editor's state says why — also against a modified client that keeps presenting valid tokens
//   (the server's own database check, not the portal's refusal to issue a token);
// - a raw client that keeps its token (or presents the same one again) is cut off at expiry, and
//   that token no longer opens a connection.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq, and } from "drizzle-orm";
import * as Y from "yjs";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { openCollabConnection, type CollabConnection } from "@/components/documents/collab/open-collab-connection";
import { HttpFallbackSocket } from "@/components/documents/collab/http-fallback-socket";
import { revokeSessionById } from "@/server/auth/sessions";
import { createTestSession } from "@/test/support/signed-in-user";
import { issueCollabToken } from "@/server/collab/collab-token";
import { loadPartState } from "@/server/collab/persistence";
import { openRawClient, textUpdate } from "@/server/collab/testing/raw-client";
import {
  connectClient,
  createTestDocument,
  createTestUser,
  startTestCollabServer,
  waitFor,
  waitForSync,
  type TestClient,
  type TestCollabServer,
} from "@/server/collab/testing/collab-test-server";
import { db } from "@/server/db/client";
import { env } from "@/server/env";
import { documentMembers, type DocumentRole } from "@/server/documents/schema";
import type { TransportKind } from "@/components/documents/collab/transport-chooser";

const TTL_SECONDS = 3;

// The token route reads the signed-in user through getCurrentUser: here, the real session row of
// the session secret the test's "browser" holds (loadActiveSession, as the cookie would give).
const browserSession = vi.hoisted(() => ({ secret: null as string | null }));
vi.mock("@/server/auth/current-user", () => ({
  getCurrentUser: async () => {
    if (!browserSession.secret) return null;
    const { loadActiveSession } = await import("@/server/auth/sessions");
    return loadActiveSession(browserSession.secret);
  },
}));

let server: TestCollabServer;
let owner: string;
let secret: string;

beforeAll(async () => {
  setTestEnv({ COLLAB_TOKEN_TTL_SECONDS: String(TTL_SECONDS) });
  await useTestDatabase();
  secret = env().AUTH_SECRET;
  owner = await createTestUser("Alice");
  server = await startTestCollabServer({ secret });
}, 60_000);

afterAll(async () => {
  await server?.stop();
});

interface SignedIn {
  userId: string;
  sessionId: string;
  sessionSecret: string;
}

async function signIn(displayName: string): Promise<SignedIn> {
  const userId = await createTestUser(displayName);
  const session = await createTestSession(userId, `test-${userId}`);
  return { userId, sessionId: session.id, sessionSecret: session.secret };
}

/** The page's fetch: token requests answered by the portal's real route for this session. */
function portalFetch(person: SignedIn, counter: { tokens: number }): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const match = /^\/api\/documents\/([0-9a-f-]{36})\/collab-token$/.exec(url.pathname);
    if (!match?.[1]) return fetch(input, init);
    counter.tokens += 1;
    browserSession.secret = person.sessionSecret;
    const { POST } = await import("@/app/api/documents/[id]/collab-token/route");
    return POST(new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }), {
      params: Promise.resolve({ id: match[1] }),
    });
  };
}

/** A participant that only watches (a long-lived token, no session). */
async function watcher(documentId: string): Promise<TestClient> {
  const { token } = await issueCollabToken(
    { userId: owner, displayName: "Alice", documentId, role: "owner", linkId: null },
    { secret, ttlSeconds: 600 },
  );
  const client = connectClient(server.origin, documentId, token);
  await waitForSync(client);
  return client;
}

const text = (doc: Y.Doc) => doc.getText("t").toString();

async function storedText(documentId: string): Promise<string> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, (await loadPartState(documentId, "content")) ?? new Uint8Array([0, 0]));
  return text(doc);
}

/** The user's connections to the document held by the server right now. */
function serverConnections(documentId: string, userId: string): number {
  const document = server.service.server.hocuspocus.documents.get(documentId);
  if (!document) return 0;
  return [...document.getConnections()].filter((c) => (c.context as { userId?: string }).userId === userId).length;
}

function openAs(person: SignedIn, documentId: string, transport: TransportKind, counter = { tokens: 0 }) {
  const connection: CollabConnection = openCollabConnection({
    documentId,
    origin: server.origin,
    fetch: portalFetch(person, counter),
    transport,
    forceTransport: true,
  });
  const statuses: string[] = [];
  const errors: (string | null)[] = [];
  let authentications = 0;
  connection.subscribe((state) => {
    statuses.push(state.status);
    errors.push(state.error);
  });
  connection.content.provider.on("authenticated", () => {
    authentications += 1;
  });
  return { connection, statuses, errors, authentications: () => authentications, counter };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each<TransportKind>(["websocket", "http"])("token expiry on an open connection (%s)", (transport) => {
  it("keeps an editor typing across two expiries: fresh tokens on the open connection, nothing lost", async () => {
    const bruno = await signIn("Bruno");
    const documentId = await createTestDocument(owner, { [bruno.userId]: "editor" });
    const other = await watcher(documentId);
    const opened = openAs(bruno, documentId, transport);
    const { connection } = opened;
    try {
      await waitFor(() => connection.getState().synced, 10_000, "sync");
      const connectedAs = connection.getState().status;
      const typed: string[] = [];
      const started = Date.now();
      // Type for more than two token lifetimes, a character every 60 ms.
      for (let index = 0; Date.now() - started < (2 * TTL_SECONDS + 1.5) * 1000; index += 1) {
        const character = String.fromCharCode(97 + (index % 26));
        const body = connection.content.document.getText("t");
        body.insert(body.length, character);
        typed.push(character);
        await sleep(60);
      }
      const expected = typed.join("");
      await waitFor(() => text(other.document) === expected, 10_000, "every keystroke relayed");
      await waitFor(() => connection.getState().pendingChanges === 0, 10_000, "every keystroke acknowledged");
      expect(await storedText(documentId)).toBe(expected);
      // The initial token and at least two refreshes, all through the portal route.
      expect(opened.counter.tokens).toBeGreaterThanOrEqual(3);
      // One authentication per document: the connection was never closed and re-joined, and the
      // editor never showed anything but connected, nor any error.
      expect(opened.authentications()).toBe(1);
      const afterConnect = opened.statuses.slice(opened.statuses.indexOf(connectedAs));
      expect(new Set(afterConnect)).toEqual(new Set([connectedAs]));
      expect(opened.errors.filter((error) => error !== null)).toEqual([]);
      expect(serverConnections(documentId, bruno.userId)).toBe(1);
      // The connection runs under a refreshed token from the portal route, bound to this session.
      const context = [...(server.service.server.hocuspocus.documents.get(documentId)?.getConnections() ?? [])].find(
        (candidate) => (candidate.context as { userId?: string }).userId === bruno.userId,
      )?.context as { sessionId?: string; tokenIssuedAt?: number } | undefined;
      expect(context?.sessionId).toBe(bruno.sessionId);
      expect(context?.tokenIssuedAt ?? 0).toBeGreaterThan(started);
    } finally {
      connection.destroy();
      other.destroy();
    }
  }, 60_000);

  it.each([
    ["re-joins at once", 1],
    ["re-joins as soon as the portal answers again", 2],
  ])(
    "%s, losing nothing, when the portal could not give a fresh token in time (%i refusals)",
    async (_, refusals) => {
      const bruno = await signIn("Bruno");
      const documentId = await createTestDocument(owner, { [bruno.userId]: "editor" });
      const other = await watcher(documentId);
      // The portal answers 503 to the refresh of the first token (both documents share the request),
      // and with 2 refusals to the first re-join too; then it recovers.
      const counter = { tokens: 0 };
      const portal = portalFetch(bruno, counter);
      let refused = 0;
      const flaky: typeof fetch = async (input, init) => {
        const isToken = String(input instanceof Request ? input.url : input).includes("/collab-token");
        if (isToken && counter.tokens >= 1 && refused < refusals) {
          refused += 1;
          return Response.json({ error: { code: "BACKEND_UNAVAILABLE", message: "down" } }, { status: 503 });
        }
        return portal(input, init);
      };
      const connection = openCollabConnection({
        documentId,
        origin: server.origin,
        fetch: flaky,
        transport,
        forceTransport: true,
      });
      const errors: (string | null)[] = [];
      connection.subscribe((state) => errors.push(state.error));
      let authentications = 0;
      connection.content.provider.on("authenticated", () => {
        authentications += 1;
      });
      try {
        await waitFor(() => connection.getState().synced, 10_000, "sync");
        const typed: string[] = [];
        const started = Date.now();
        for (let index = 0; Date.now() - started < (TTL_SECONDS + 1.5) * 1000; index += 1) {
          const body = connection.content.document.getText("t");
          body.insert(body.length, String(index % 10));
          typed.push(String(index % 10));
          await sleep(60);
        }
        const expected = typed.join("");
        await waitFor(() => text(other.document) === expected, 10_000, "every keystroke relayed");
        await waitFor(() => connection.getState().pendingChanges === 0, 10_000, "every keystroke acknowledged");
        expect(await storedText(documentId)).toBe(expected);
        expect(refused).toBe(refusals);
        // Either a later refresh got through before expiry (one authentication), or the server
        // closed for token-expired and the editor re-joined on the same connection (two): which one
        // depends on timing (a loaded machine delays the refresh). Nothing else is ever shown but
        // "unavailable", and only while the portal did not answer.
        expect(authentications).toBeGreaterThanOrEqual(1);
        expect(authentications).toBeLessThanOrEqual(2);
        expect(connection.getState().error).toBeNull();
        expect(errors.filter((error) => error !== null && error !== "unavailable")).toEqual([]);
        expect(connection.getState().status).not.toBe("offline");
      } finally {
        connection.destroy();
        other.destroy();
      }
    },
    60_000,
  );

  it("ends the connection at expiry when the session was revoked, and the editor says why", async () => {
    const bruno = await signIn("Bruno");
    const documentId = await createTestDocument(owner, { [bruno.userId]: "editor" });
    const other = await watcher(documentId);
    const { connection } = openAs(bruno, documentId, transport);
    try {
      await waitFor(() => connection.getState().synced, 10_000, "sync");
      await revokeSessionById(bruno.sessionId, "test: signed out elsewhere");
      await waitFor(() => serverConnections(documentId, bruno.userId) === 0, (TTL_SECONDS + 5) * 1000, "closed");
      await waitFor(() => connection.getState().error === "session-ended", 5000, "the reason shown");
      connection.content.document.getText("t").insert(0, "après la fin de session");
      await sleep(500);
      expect(text(other.document)).toBe("");
      expect(await storedText(documentId)).toBe("");
    } finally {
      connection.destroy();
      other.destroy();
    }
  }, 60_000);

  it("ends the connection at expiry when the share was removed, and the editor says why", async () => {
    const bruno = await signIn("Bruno");
    const documentId = await createTestDocument(owner, { [bruno.userId]: "editor" });
    const { connection } = openAs(bruno, documentId, transport);
    try {
      await waitFor(() => connection.getState().synced, 10_000, "sync");
      // Removed straight from the table: no revocation message, only the expiry check can see it.
      await (
        await db()
      )
        .delete(documentMembers)
        .where(and(eq(documentMembers.documentId, documentId), eq(documentMembers.userId, bruno.userId)));
      await waitFor(() => serverConnections(documentId, bruno.userId) === 0, (TTL_SECONDS + 5) * 1000, "closed");
      await waitFor(() => connection.getState().error === "access-revoked", 5000, "the reason shown");
    } finally {
      connection.destroy();
    }
  }, 60_000);

  it("cuts off a modified client that keeps presenting valid tokens once its session or share is gone", async () => {
    const bruno = await signIn("Bruno");
    const chloe = await signIn("Chloé");
    const documentId = await createTestDocument(owner, { [bruno.userId]: "editor", [chloe.userId]: "editor" });
    // Tokens minted for it directly, as if the portal still issued them: only the server's own
    // re-check at expiry can stop it.
    const mint = (person: SignedIn, role: DocumentRole) => async () =>
      (
        await issueCollabToken(
          { userId: person.userId, displayName: "x", documentId, role, linkId: null, sessionId: person.sessionId },
          { secret, ttlSeconds: TTL_SECONDS },
        )
      ).token;
    const polyfill = transport === "http" ? { WebSocketPolyfill: HttpFallbackSocket } : {};
    const reasons = { bruno: [] as string[], chloe: [] as string[] };
    const brunoClient = connectClient(server.origin, documentId, mint(bruno, "editor"), polyfill);
    const chloeClient = connectClient(server.origin, documentId, mint(chloe, "editor"), polyfill);
    brunoClient.provider.on("close", ({ event }: { event: { reason: string } }) => reasons.bruno.push(event.reason));
    chloeClient.provider.on("close", ({ event }: { event: { reason: string } }) => reasons.chloe.push(event.reason));
    try {
      await Promise.all([waitForSync(brunoClient, 10_000), waitForSync(chloeClient, 10_000)]);
      await revokeSessionById(bruno.sessionId, "test");
      await (
        await db()
      )
        .delete(documentMembers)
        .where(and(eq(documentMembers.documentId, documentId), eq(documentMembers.userId, chloe.userId)));
      // The server's reasons, as each client receives them (the close message follows the removal).
      await waitFor(
        () => reasons.bruno.includes("session-ended") && reasons.chloe.includes("access-revoked"),
        (TTL_SECONDS + 5) * 1000,
        "both closed with their reason",
      );
      expect(serverConnections(documentId, bruno.userId)).toBe(0);
      expect(serverConnections(documentId, chloe.userId)).toBe(0);
    } finally {
      brunoClient.destroy();
      chloeClient.destroy();
    }
  }, 60_000);
});

describe("a raw client that keeps its token", () => {
  const MESSAGE_AUTH = 2;
  const MESSAGE_CLOSE = 7;

  it("is asked for a fresh token, cut off at expiry (even presenting the same token again), and refused after", async () => {
    const bruno = await signIn("Bruno");
    const documentId = await createTestDocument(owner, { [bruno.userId]: "editor" });
    const other = await watcher(documentId);
    const { token, expiresAt } = await issueCollabToken(
      {
        userId: bruno.userId,
        displayName: "Bruno",
        documentId,
        role: "editor",
        linkId: null,
        sessionId: bruno.sessionId,
      },
      { secret, ttlSeconds: 2 },
    );
    const raw = await openRawClient(server.origin, documentId);
    try {
      expect(await raw.authenticate(token)).toBe("authenticated");
      raw.sendUpdate(textUpdate("avant"));
      await waitFor(() => text(other.document) === "avant", 5000, "edit before expiry");
      const authMessages = () => raw.received.filter((message) => message.type === MESSAGE_AUTH).length;
      const before = authMessages();
      // The server asks for a token before expiry (an Auth message of kind Token)...
      await waitFor(() => authMessages() > before, 5000, "token request");
      expect(Date.now()).toBeLessThan(expiresAt.getTime());
      // ...and the client answers with the token it already has.
      await raw.authenticate(token);
      await waitFor(() => raw.received.some((message) => message.type === MESSAGE_CLOSE), 5000, "close at expiry");
      expect(Date.now()).toBeGreaterThanOrEqual(expiresAt.getTime() - 50);
      const close = raw.received.find((message) => message.type === MESSAGE_CLOSE);
      expect(new TextDecoder().decode(close?.bytes)).toContain("token-expired");
      expect(serverConnections(documentId, bruno.userId)).toBe(0);
      // Whatever it sends now is not applied.
      raw.sendUpdate(textUpdate("après"));
      await sleep(500);
      expect(text(other.document)).toBe("avant");
      expect(await storedText(documentId)).toBe("avant");
    } finally {
      raw.close();
      other.destroy();
    }
    const again = await openRawClient(server.origin, documentId);
    try {
      expect(await again.authenticate(token)).toBe("denied");
    } finally {
      again.close();
    }
  }, 30_000);

  it("is closed at once when it presents an invalid token on the open connection", async () => {
    const bruno = await signIn("Bruno");
    const documentId = await createTestDocument(owner, { [bruno.userId]: "editor" });
    const { token } = await issueCollabToken(
      {
        userId: bruno.userId,
        displayName: "Bruno",
        documentId,
        role: "editor",
        linkId: null,
        sessionId: bruno.sessionId,
      },
      { secret, ttlSeconds: 60 },
    );
    const someoneElse = await issueCollabToken(
      { userId: owner, displayName: "Alice", documentId, role: "owner", linkId: null },
      { secret, ttlSeconds: 60 },
    );
    const raw = await openRawClient(server.origin, documentId);
    try {
      expect(await raw.authenticate(token)).toBe("authenticated");
      // Another person's token is not a way to change who this connection is.
      await raw.authenticate(someoneElse.token);
      await waitFor(() => raw.received.some((message) => message.type === MESSAGE_CLOSE), 5000, "close");
      const close = raw.received.find((message) => message.type === MESSAGE_CLOSE);
      expect(new TextDecoder().decode(close?.bytes)).toContain("invalid-token");
      expect(serverConnections(documentId, bruno.userId)).toBe(0);
    } finally {
      raw.close();
    }
  }, 30_000);
});
