// Documents on a real database (PGlite and PostgreSQL): who may do what — owner, editor,
// commenter, reader, stranger — when sharing with people and by link, renaming, deleting and
// restoring; the lists; the people picker; and a document from a template stored as Yjs state.
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import * as Y from "yjs";
import { yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { signInTestUser } from "@/test/support/signed-in-user";
import type { Database } from "@/server/db/client";
import { auditLog } from "@/server/db/schema";
import { getDocumentRole } from "@/server/documents/access";
import { documentMembers } from "@/server/documents/schema";
import { createDocument } from "@/server/documents/create-document";
import { deleteDocument, restoreDocument } from "@/server/documents/delete-document";
import { getDocumentSummary } from "@/server/documents/get-document-summary";
import { listDocuments } from "@/server/documents/list-documents";
import { renameDocument } from "@/server/documents/rename-document";
import { listMembers, shareWithUser, unshareWithUser } from "@/server/documents/sharing/members";
import { acceptShareLink, createShareLink, listShareLinks, revokeShareLink } from "@/server/documents/sharing/links";
import { escapeLikePattern, searchPeople } from "@/server/documents/sharing/search-people";
import { createDocumentFromTemplate } from "@/server/documents/templates/create-document-from-template";
import { loadPartState } from "@/server/collab/persistence";
import { DOCUMENT_YJS_FIELD } from "@/components/documents/editor/document-extensions";

let database: Database;
let alice: string;
let bruno: string;
let chloe: string;
let dora: string;

beforeAll(async () => {
  setTestEnv();
  database = (await useTestDatabase()).db;
  alice = (await signInTestUser("Alice Martin")).user.id;
  bruno = (await signInTestUser("Bruno Durand")).user.id;
  chloe = (await signInTestUser("Chloé Admin")).user.id;
  dora = (await signInTestUser("Dora 100%_Test")).user.id;
}, 120_000);

async function auditActions(documentId: string): Promise<string[]> {
  const rows = await database
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.targetId, documentId));
  return rows.map((row) => row.action);
}

describe("sharing with people", () => {
  it("only the owner shares, changes roles and removes people; strangers learn nothing", async () => {
    const { id } = await createDocument({ ownerId: alice, title: "Protocole" });
    expect(await getDocumentRole(alice, id)).toBe("owner");

    await shareWithUser(alice, id, bruno, "editor");
    await shareWithUser(alice, id, chloe, "reader");
    expect(await getDocumentRole(bruno, id)).toBe("editor");
    expect(await getDocumentRole(chloe, id)).toBe("reader");

    // An editor cannot hand the document on: 403 (he can see it); a stranger gets 404.
    await expect(shareWithUser(bruno, id, dora, "editor")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(shareWithUser(dora, id, dora, "editor")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(unshareWithUser(bruno, id, chloe)).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The owner cannot be removed or downgraded.
    await expect(unshareWithUser(alice, id, alice)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(shareWithUser(alice, id, alice, "reader")).rejects.toMatchObject({ code: "BAD_REQUEST" });

    await shareWithUser(alice, id, chloe, "commenter");
    expect(await getDocumentRole(chloe, id)).toBe("commenter");
    const members = await listMembers(chloe, id);
    expect(members.map((member) => [member.displayName, member.role])).toEqual([
      ["Alice Martin", "owner"],
      ["Bruno Durand", "editor"],
      ["Chloé Admin", "commenter"],
    ]);
    await expect(listMembers(dora, id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    await unshareWithUser(alice, id, bruno);
    expect(await getDocumentRole(bruno, id)).toBeNull();
    expect(await auditActions(id)).toEqual(expect.arrayContaining(["documents.shared", "documents.unshared"]));
  });

  it("only editors and the owner rename", async () => {
    const { id } = await createDocument({ ownerId: alice, title: "Ancien titre" });
    await shareWithUser(alice, id, bruno, "editor");
    await shareWithUser(alice, id, chloe, "commenter");
    await renameDocument(bruno, id, "Nouveau titre");
    await expect(renameDocument(chloe, id, "Piratage")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(renameDocument(dora, id, "Piratage")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getDocumentSummary(alice, id)).title).toBe("Nouveau titre");
  });
});

describe("share links", () => {
  it("grants the link's role to whoever opens it, never lowers a role, and stops when revoked", async () => {
    const { id } = await createDocument({ ownerId: alice, title: "Réunion" });
    await expect(createShareLink(bruno, id, "editor")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const link = await createShareLink(alice, id, "commenter");
    expect(link.token.length).toBeGreaterThanOrEqual(32);
    expect((await listShareLinks(alice, id)).map((l) => l.id)).toEqual([link.id]);

    expect(await acceptShareLink(bruno, link.token)).toEqual({ documentId: id, role: "commenter" });
    expect(await getDocumentRole(bruno, id)).toBe("commenter");
    // Bruno now finds it under "shared with me".
    expect((await listDocuments(bruno, "shared")).map((doc) => doc.id)).toContain(id);

    // Someone who already has more keeps it.
    await shareWithUser(alice, id, chloe, "editor");
    expect(await acceptShareLink(chloe, link.token)).toEqual({ documentId: id, role: "editor" });
    expect(await getDocumentRole(chloe, id)).toBe("editor");

    await revokeShareLink(alice, id, link.id);
    await expect(acceptShareLink(dora, link.token)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(acceptShareLink(dora, "x".repeat(40))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revokeShareLink(alice, id, link.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await getDocumentRole(dora, id)).toBeNull();
    expect(await auditActions(id)).toEqual(
      expect.arrayContaining(["documents.link_created", "documents.link_accepted", "documents.link_revoked"]),
    );
  });
});

describe("delete and restore", () => {
  it("only the owner deletes; a deleted document grants nothing; the owner can undo", async () => {
    const { id } = await createDocument({ ownerId: alice, title: "À supprimer" });
    await shareWithUser(alice, id, bruno, "editor");
    await expect(deleteDocument(bruno, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await deleteDocument(alice, id);
    expect(await getDocumentRole(bruno, id)).toBeNull();
    expect(await getDocumentRole(alice, id)).toBeNull();
    expect((await listDocuments(alice, "mine")).map((doc) => doc.id)).not.toContain(id);
    await expect(restoreDocument(bruno, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await restoreDocument(alice, id);
    expect(await getDocumentRole(bruno, id)).toBe("editor");
    expect(await auditActions(id)).toEqual(expect.arrayContaining(["documents.deleted", "documents.restored"]));
  });
});

describe("lists", () => {
  it("separates mine, shared with me, and recently opened", async () => {
    const mine = await createDocument({ ownerId: chloe, title: "Le mien" });
    const theirs = await createDocument({ ownerId: alice, title: "Le leur" });
    await shareWithUser(alice, theirs.id, chloe, "reader");
    expect((await listDocuments(chloe, "mine")).map((doc) => doc.id)).toContain(mine.id);
    expect((await listDocuments(chloe, "mine")).map((doc) => doc.id)).not.toContain(theirs.id);
    const shared = await listDocuments(chloe, "shared");
    expect(shared.find((doc) => doc.id === theirs.id)).toMatchObject({ role: "reader", ownerName: "Alice Martin" });
    expect((await listDocuments(chloe, "recent")).map((doc) => doc.id)).not.toContain(theirs.id);
    await getDocumentSummary(chloe, theirs.id, { markOpened: true });
    expect((await listDocuments(chloe, "recent"))[0]?.id).toBe(theirs.id);
  });
});

describe("people picker", () => {
  it("finds people by name, never the caller, and treats % and _ literally", async () => {
    expect((await searchPeople(alice, "bruno")).map((person) => person.userId)).toEqual([bruno]);
    expect((await searchPeople(alice, "alice")).map((person) => person.userId)).not.toContain(alice);
    expect(escapeLikePattern("100%_x\\")).toBe("100\\%\\_x\\\\");
    expect((await searchPeople(alice, "%")).map((person) => person.userId)).toEqual([dora]);
    expect((await searchPeople(alice, "_")).map((person) => person.userId)).toEqual([dora]);
  });
});

describe("createDocumentFromTemplate", () => {
  it("stores the filled template as the document's Yjs content, field values as text", async () => {
    const created = await createDocumentFromTemplate({
      ownerId: alice,
      templateId: "meeting-minutes",
      title: "CR réunion",
      fields: { subject: "<b>Qualité</b>", date: "2026-04-01", attendees: "A\nB" },
    });
    const state = await loadPartState(created.id, "content");
    expect(state).not.toBeNull();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state ?? new Uint8Array());
    const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(DOCUMENT_YJS_FIELD)) as { content: unknown[] };
    const text = JSON.stringify(json);
    expect(text).toContain('"text":"<b>Qualité</b>"');
    expect(text).toContain('"text":"01/04/2026"');
    expect(text).toContain('"type":"table"');
    const [member] = await database
      .select()
      .from(documentMembers)
      .where(and(eq(documentMembers.documentId, created.id), eq(documentMembers.userId, alice)));
    expect(member?.role).toBe("owner");
  });

  it("refuses an unknown template and missing required fields", async () => {
    await expect(
      createDocumentFromTemplate({ ownerId: alice, templateId: "nope", fields: {}, title: "x" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      createDocumentFromTemplate({
        ownerId: alice,
        templateId: "meeting-minutes",
        fields: { date: "2026-01-01" },
        title: "x",
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
