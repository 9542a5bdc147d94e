// The HTTP fallback (server-sent events down, POSTs up) with the browser module itself
// (components/documents/collab/) running in Node: a participant whose WebSockets are refused
// switches to HTTP on its own and edits with a participant on a WebSocket, both ways, with
// acknowledgements meaning "stored"; offline edits merge on return; bad requests get clear 4xx.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/support/test-database";
import { openCollabConnection, type CollabConnection } from "@/components/documents/collab/open-collab-connection";
import { loadPartState } from "@/server/collab/persistence";
import * as Y from "yjs";
import {
  connectClient,
  createTestDocument,
  createTestUser,
  startTestCollabServer,
  tokenFor,
  waitFor,
  waitForSync,
  type TestCollabServer,
} from "@/server/collab/testing/collab-test-server";
import type { DocumentRole } from "@/server/documents/schema";

let server: TestCollabServer;
let blocked: TestCollabServer;
let owner: string;
let editor: string;

beforeAll(async () => {
  await useTestDatabase();
  owner = await createTestUser("Alice");
  editor = await createTestUser("Bruno");
  server = await startTestCollabServer();
  // Same database, a second server whose "proxy" refuses WebSockets.
  blocked = await startTestCollabServer({ refuseWebSockets: true });
}, 60_000);

afterAll(async () => {
  await blocked?.stop();
  await server?.stop();
});

/** The page's token request, answered as the portal's route would (the route is tested on its own). */
function tokenFetch(userId: string, role: DocumentRole): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const match = /^\/api\/documents\/([0-9a-f-]{36})\/collab-token$/.exec(url.pathname);
    if (!match?.[1]) return fetch(input, init);
    const token = await tokenFor(userId, match[1], role);
    return Response.json({
      token,
      expiresAt: new Date(Date.now() + 300_000).toISOString(),
      role,
      user: { id: userId, displayName: "test" },
    });
  };
}

const text = (doc: Y.Doc) => doc.getText("t").toString();

describe("HTTP fallback", () => {
  it("switches to HTTP when WebSockets are refused and edits with a WebSocket participant both ways", async () => {
    const documentId = await createTestDocument(owner, { [editor]: "editor" });
    const onWebSocket = connectClient(server.origin, documentId, await tokenFor(owner, documentId, "owner"));
    // This participant's WebSocket goes through a "proxy" that refuses upgrades (the blocked
    // server's real HTTP 403 answer); its HTTP requests reach the collaboration server.
    const states: string[] = [];
    const connection: CollabConnection = openCollabConnection({
      documentId,
      origin: server.origin,
      fetch: tokenFetch(editor, "editor"),
      WebSocket: class RefusedWebSocket extends WebSocket {
        constructor(url: string | URL) {
          super(String(url).replace(server.origin.replace("http", "ws"), blocked.origin.replace("http", "ws")));
        }
      },
    });
    connection.subscribe((state) => states.push(state.status));
    try {
      await waitForSync(onWebSocket);
      await waitFor(() => connection.getState().status === "fallback-http", 10_000, "fallback");
      await waitFor(() => connection.getState().synced, 5000, "fallback sync");
      expect(connection.getState().transport).toBe("http");

      onWebSocket.document.getText("t").insert(0, "ws→http ");
      await waitFor(() => text(connection.content.document) === "ws→http ", 5000, "downstream");
      connection.content.document.getText("t").insert(8, "http→ws");
      await waitFor(() => text(onWebSocket.document) === "ws→http http→ws", 5000, "upstream");
      await waitFor(() => connection.getState().pendingChanges === 0, 5000, "acknowledged");
      const stored = new Y.Doc();
      Y.applyUpdate(stored, (await loadPartState(documentId, "content")) ?? new Uint8Array([0, 0]));
      expect(text(stored)).toBe("ws→http http→ws");
      expect(states).not.toContain("offline");
    } finally {
      connection.destroy();
      onWebSocket.destroy();
    }
  });

  it("keeps edits made while the connection is down and merges them on return", async () => {
    const documentId = await createTestDocument(owner, { [editor]: "editor" });
    const other = connectClient(server.origin, documentId, await tokenFor(owner, documentId, "owner"));
    const connection = openCollabConnection({
      documentId,
      origin: server.origin,
      fetch: tokenFetch(editor, "editor"),
      transport: "http",
      forceTransport: true,
    });
    try {
      await waitForSync(other);
      await waitFor(() => connection.getState().synced, 10_000, "sync");
      connection.socket.disconnect();
      await waitFor(() => connection.getState().status === "offline", 5000, "offline");
      connection.content.document.getText("t").insert(0, "hors ligne ");
      other.document.getText("t").insert(0, "en ligne ");
      expect(connection.getState().pendingChanges).toBeGreaterThan(0);
      await connection.socket.connect();
      await waitFor(() => text(other.document) === text(connection.content.document), 10_000, "merge");
      expect(text(other.document)).toContain("hors ligne ");
      expect(text(other.document)).toContain("en ligne ");
      await waitFor(() => connection.getState().pendingChanges === 0, 5000, "acknowledged");
    } finally {
      connection.destroy();
      other.destroy();
    }
  });

  it("answers bad fallback requests with clear 4xx errors", async () => {
    const base = `${server.origin}/collab/http`;
    const documentId = await createTestDocument(owner);
    const post = (query: string, body: BodyInit, type = "application/octet-stream") =>
      fetch(`${base}/${documentId}/messages${query}`, { method: "POST", body, headers: { "content-type": type } });
    expect((await post("", new Uint8Array([1, 0]))).status).toBe(400);
    expect((await post("?connection=nope", new Uint8Array([1, 0]))).status).toBe(400);
    const unknown = `?connection=${server.service.server.instanceId}~00000000-0000-4000-8000-000000000000`;
    const gone = await post(unknown, new Uint8Array([1, 0]));
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    expect((await post(unknown, "{}", "application/json")).status).toBe(415);
    const malformed = await post(unknown, new Uint8Array([200]));
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { message: expect.stringContaining("framing") } });
    expect((await fetch(`${base}/not-a-uuid/events`)).status).toBe(404);
    expect((await fetch(`${base}/${documentId}/events`, { method: "PUT" })).status).toBe(400);
    const crossSite = await fetch(`${base}/${documentId}/messages${unknown}`, {
      method: "POST",
      body: new Uint8Array([1, 0]),
      headers: { "content-type": "application/octet-stream", origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
  });
});
