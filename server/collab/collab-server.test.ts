// Integration: the official @hocuspocus/provider against the collaboration service (WebSocket),
// on a fresh in-memory database: sync between participants, roles enforced by the server,
// refusals, persistence across a restart, revocation, limits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { eq } from "drizzle-orm";
import { useTestDatabase } from "@/test/support/test-database";
import { db } from "@/server/db/client";
import { documentLinks, documentMembers } from "@/server/documents/schema";
import { openRawClient, textUpdate } from "@/server/collab/testing/raw-client";
import { disconnectLink, disconnectUser } from "@/server/collab/disconnect-user";
import { issueCollabToken } from "@/server/collab/collab-token";
import { hashLinkToken } from "@/server/documents/access";
import { loadPartState } from "@/server/collab/persistence";
import {
  connectClient,
  createTestDocument,
  createTestUser,
  startTestCollabServer,
  TEST_SECRET,
  tokenFor,
  waitFor,
  waitForSync,
  type TestClient,
  type TestCollabServer,
} from "@/server/collab/testing/collab-test-server";

let server: TestCollabServer;
let owner: string;
let editor: string;
let commenter: string;
let reader: string;
const clients: TestClient[] = [];

function track(client: TestClient): TestClient {
  clients.push(client);
  return client;
}

beforeAll(async () => {
  await useTestDatabase();
  owner = await createTestUser("Alice");
  editor = await createTestUser("Bruno");
  commenter = await createTestUser("Chloé");
  reader = await createTestUser("Denis");
  server = await startTestCollabServer();
}, 60_000);

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.stop();
});

const text = (client: TestClient) => client.document.getText("t").toString();

describe("collaboration server", () => {
  it("relays an edit from one participant to another and stores it before acknowledging", async () => {
    const documentId = await createTestDocument(owner, { [editor]: "editor" });
    const a = track(connectClient(server.origin, documentId, await tokenFor(owner, documentId, "owner")));
    const b = track(connectClient(server.origin, documentId, await tokenFor(editor, documentId, "editor")));
    await Promise.all([waitForSync(a), waitForSync(b)]);
    a.document.getText("t").insert(0, "bonjour");
    await waitFor(() => text(b) === "bonjour", 5000, "edit relayed");
    await waitFor(() => !a.provider.hasUnsyncedChanges, 5000, "acknowledgement");
    // Acknowledged means stored: the database already holds it.
    expect(await storedText(documentId)).toBe("bonjour");
  });

  it("refuses a reader's update at the server: the document does not change, for anyone", async () => {
    const documentId = await createTestDocument(owner, { [reader]: "reader" });
    const watcher = track(connectClient(server.origin, documentId, await tokenFor(owner, documentId, "owner")));
    await waitForSync(watcher);
    watcher.document.getText("t").insert(0, "original");
    await waitFor(() => !watcher.provider.hasUnsyncedChanges, 5000, "owner's edit stored");

    const raw = await openRawClient(server.origin, documentId);
    expect(await raw.authenticate(await tokenFor(reader, documentId, "reader"))).toBe("authenticated");
    raw.sendUpdate(textUpdate("vandalised"));
    await waitFor(() => raw.syncStatuses().length > 0, 5000, "server's answer");
    expect(raw.syncStatuses()).toEqual([false]);
    // A second participant joining now sees the document unchanged, and so does the store.
    const late = track(connectClient(server.origin, documentId, await tokenFor(owner, documentId, "owner")));
    await waitForSync(late);
    expect(text(late)).toBe("original");
    expect(text(watcher)).toBe("original");
    expect(await storedText(documentId)).toBe("original");
    raw.close();
  });

  it("lets a commenter write comments but not the content", async () => {
    const documentId = await createTestDocument(owner, { [commenter]: "commenter" });
    const token = await tokenFor(commenter, documentId, "commenter");
    const content = await openRawClient(server.origin, documentId);
    expect(await content.authenticate(token)).toBe("authenticated");
    content.sendUpdate(textUpdate("not allowed"));
    const comments = await openRawClient(server.origin, `${documentId}.comments`);
    expect(await comments.authenticate(token)).toBe("authenticated");
    comments.sendUpdate(textUpdate("a comment"));
    await waitFor(() => content.syncStatuses().length > 0 && comments.syncStatuses().length > 0, 5000, "answers");
    expect(content.syncStatuses()).toEqual([false]);
    expect(comments.syncStatuses()).toEqual([true]);
    expect(await storedText(documentId)).toBe("");
    expect(await storedText(documentId, "comments")).toBe("a comment");
    content.close();
    comments.close();
  });

  it("refuses bad tokens, a token for another document, and a person without a role", async () => {
    const documentId = await createTestDocument(owner);
    const otherId = await createTestDocument(owner);
    const cases: [string, string][] = [
      ["garbage", "not-a-jwt"],
      ["other document", await tokenFor(owner, otherId, "owner")],
      ["no role", await tokenFor(reader, documentId, "editor")],
      ["forged", (await tokenFor(owner, documentId, "owner")).slice(0, -4) + "AAAA"],
    ];
    for (const [label, token] of cases) {
      const raw = await openRawClient(server.origin, documentId);
      expect(await raw.authenticate(token), label).toBe("denied");
      raw.close();
    }
    const unknownName = await openRawClient(server.origin, "not-a-document");
    expect(await unknownName.authenticate(await tokenFor(owner, documentId, "owner"))).toBe("denied");
    unknownName.close();
  });

  it("closes a revoked person's connection and refuses their next one", async () => {
    const documentId = await createTestDocument(owner, { [editor]: "editor" });
    const client = track(connectClient(server.origin, documentId, await tokenFor(editor, documentId, "editor")));
    await waitForSync(client);
    let closeReason = "";
    client.provider.on("close", ({ event }: { event: { reason: string } }) => {
      closeReason = event.reason;
    });
    await (await db()).delete(documentMembers).where(eq(documentMembers.userId, editor));
    await disconnectUser(documentId, editor);
    await waitFor(() => closeReason === "access-revoked", 5000, "revocation");
    const raw = await openRawClient(server.origin, documentId);
    expect(await raw.authenticate(await tokenFor(editor, documentId, "editor"))).toBe("denied");
    raw.close();
  });

  it("admits a person through a share link, and closes that connection when the link is revoked", async () => {
    const documentId = await createTestDocument(owner);
    const [link] = await (
      await db()
    )
      .insert(documentLinks)
      .values({ documentId, tokenHash: hashLinkToken("a-share-link-token-for-tests"), role: "editor" })
      .returning({ id: documentLinks.id });
    if (!link) throw new Error("no link");
    const { token } = await issueCollabToken(
      { userId: reader, displayName: "Denis", documentId, role: "editor", linkId: link.id },
      { secret: TEST_SECRET, ttlSeconds: 300 },
    );
    const client = track(connectClient(server.origin, documentId, token));
    await waitForSync(client);
    let closeReason = "";
    client.provider.on("close", ({ event }: { event: { reason: string } }) => {
      closeReason = event.reason;
    });
    await (await db()).update(documentLinks).set({ revokedAt: new Date() }).where(eq(documentLinks.id, link.id));
    await disconnectLink(documentId, link.id);
    await waitFor(() => closeReason === "access-revoked", 5000, "link revocation");
    const raw = await openRawClient(server.origin, documentId);
    expect(await raw.authenticate(token)).toBe("denied");
    raw.close();
  });

  it("keeps the content across a restart of the server", async () => {
    const documentId = await createTestDocument(owner);
    const before = track(connectClient(server.origin, documentId, await tokenFor(owner, documentId, "owner")));
    await waitForSync(before);
    before.document.getText("t").insert(0, "persisté");
    await waitFor(() => !before.provider.hasUnsyncedChanges, 5000, "stored");
    before.destroy();
    await server.stop();
    server = await startTestCollabServer();
    const after = track(connectClient(server.origin, documentId, await tokenFor(owner, documentId, "owner")));
    await waitForSync(after);
    expect(text(after)).toBe("persisté");
  }, 30_000);
});

describe("limits", () => {
  it("refuses a change past the document size limit and says why", async () => {
    const small = await startTestCollabServer({ maxDocumentBytes: 2000 });
    try {
      const documentId = await createTestDocument(owner);
      const client = connectClient(small.origin, documentId, await tokenFor(owner, documentId, "owner"));
      await waitForSync(client);
      let closeReason = "";
      client.provider.on("close", ({ event }: { event: { reason: string } }) => {
        closeReason = event.reason;
      });
      client.document.getText("t").insert(0, "x".repeat(5000));
      await waitFor(() => closeReason === "document-too-large", 5000, "size refusal");
      expect(await storedText(documentId)).toBe("");
      client.destroy();
    } finally {
      await small.stop();
    }
  });

  it("closes a connection that sends more messages per second than allowed", async () => {
    const strict = await startTestCollabServer({ maxMessagesPerSecond: 20 });
    try {
      const documentId = await createTestDocument(owner);
      const raw = await openRawClient(strict.origin, documentId);
      expect(await raw.authenticate(await tokenFor(owner, documentId, "owner"))).toBe("authenticated");
      for (let index = 0; index < 100; index += 1) raw.sendUpdate(textUpdate(String(index)));
      expect(await raw.closed).toEqual({ code: 4429, reason: "too-many-messages" });
    } finally {
      await strict.stop();
    }
  });
});

async function storedText(documentId: string, part: "content" | "comments" = "content"): Promise<string> {
  const stored = await loadPartState(documentId, part);
  const copy = new Y.Doc();
  if (stored) Y.applyUpdate(copy, stored);
  return copy.getText("t").toString();
}
