// The server-side document API: content as tiptap JSON in and out (checked against the document
// schema), applied through the live document when the collaboration server runs (a connected
// participant sees it as one change) and to the stored state otherwise; named versions and
// restore as a new change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JSONContent } from "@tiptap/core";
import { useTestDatabase } from "@/test/support/test-database";
import { contentJson } from "@/server/collab/document-content";
import {
  createNamedVersion,
  listVersions,
  readDocumentJson,
  readVersionJson,
  replaceDocumentContent,
  restoreVersion,
} from "@/server/collab/document-state";
import {
  connectClient,
  createTestDocument,
  createTestUser,
  startTestCollabServer,
  tokenFor,
  waitFor,
  waitForSync,
} from "@/server/collab/testing/collab-test-server";

const paragraph = (text: string): JSONContent => ({
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 1, textAlign: null }, content: [{ type: "text", text: "Titre" }] },
    { type: "paragraph", attrs: { textAlign: null }, content: [{ type: "text", text }] },
  ],
});

const textOf = (json: JSONContent): string =>
  JSON.stringify(json)
    .match(/"text":"([^"]*)"/g)
    ?.join(" ") ?? "";

let owner: string;

beforeAll(async () => {
  await useTestDatabase();
  owner = await createTestUser("Alice");
}, 60_000);

describe("document content without the collaboration server", () => {
  it("reads an empty document as one empty paragraph, and reads back what was written", async () => {
    const documentId = await createTestDocument(owner);
    expect(await readDocumentJson(documentId)).toEqual({ type: "doc", content: [{ type: "paragraph" }] });
    await replaceDocumentContent(documentId, paragraph("Compte rendu"), owner);
    expect(textOf(await readDocumentJson(documentId))).toContain("Compte rendu");
  });

  it("refuses content that does not fit the schema with a 400 naming the problem", async () => {
    const documentId = await createTestDocument(owner);
    await expect(
      replaceDocumentContent(documentId, { type: "doc", content: [{ type: "script" }] }, owner),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", userMessage: expect.stringContaining("script") });
    await expect(replaceDocumentContent(documentId, "not json", owner)).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("document content with the collaboration server", () => {
  let stop: () => Promise<void>;
  let origin: string;

  beforeAll(async () => {
    const server = await startTestCollabServer();
    origin = server.origin;
    stop = server.stop;
  }, 60_000);

  afterAll(async () => {
    await stop?.();
  });

  it("applies a replacement to the live document: a connected participant sees it", async () => {
    const documentId = await createTestDocument(owner);
    const client = connectClient(origin, documentId, await tokenFor(owner, documentId, "owner"));
    try {
      await waitForSync(client);
      await replaceDocumentContent(documentId, paragraph("vu par tous"), owner);
      await waitFor(() => textOf(contentJson(client.document)).includes("vu par tous"), 5000, "replacement relayed");
      expect(textOf(await readDocumentJson(documentId))).toContain("vu par tous");
    } finally {
      client.destroy();
    }
  });

  it("keeps named versions and restores one as a new change everyone sees", async () => {
    const documentId = await createTestDocument(owner);
    await replaceDocumentContent(documentId, paragraph("première rédaction"), owner);
    const named = await createNamedVersion(documentId, "Version validée", owner);
    await replaceDocumentContent(documentId, paragraph("seconde rédaction"), owner);
    expect(textOf((await readVersionJson(documentId, named.id)) ?? {})).toContain("première rédaction");

    const client = connectClient(origin, documentId, await tokenFor(owner, documentId, "owner"));
    try {
      await waitForSync(client);
      expect(textOf(contentJson(client.document))).toContain("seconde rédaction");
      expect(await restoreVersion(documentId, named.id, owner)).toBe(true);
      await waitFor(() => textOf(contentJson(client.document)).includes("première rédaction"), 5000, "restore relayed");
    } finally {
      client.destroy();
    }
    const versions = await listVersions(documentId);
    expect(versions.map((version) => version.kind)).toContain("before-restore");
    expect(versions.find((version) => version.id === named.id)).toMatchObject({ name: "Version validée" });
    const other = await createTestDocument(owner);
    expect(await restoreVersion(other, named.id, owner)).toBe(false);
  });
});
