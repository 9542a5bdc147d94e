// The OnlyOffice integration end to end against the Document Server double, over real HTTP: the
// editor config, the download the Document Server makes, callbacks with each status saving into
// Files (local adapter), the key rules, idempotency, and the refusals (bad or missing signature,
// a url on another host, a link for another file, an expired link).
import { Readable } from "node:stream";
import { SignJWT } from "jose";
import mammoth from "mammoth";
import { Document, Packer, Paragraph } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { PortalUser } from "@/server/auth/portal-user";
import type { FileEntry } from "@/server/files/storage";
import { startOnlyOfficeFixture, TEST_ONLYOFFICE_SECRET, type OnlyOfficeFixture } from "./onlyoffice-test-fixture";

let fixture: OnlyOfficeFixture;

beforeAll(async () => {
  fixture = await startOnlyOfficeFixture();
});

afterAll(async () => {
  await fixture.close();
});

async function storage() {
  const { getFileStorage } = await import("@/server/files/get-file-storage");
  return getFileStorage();
}

async function docx(text: string): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(text)] }] }));
}

async function upload(user: PortalUser, name: string, bytes: Buffer): Promise<FileEntry> {
  const { parseUserPath } = await import("@/server/files/paths");
  return (await storage()).write({ user }, parseUserPath(`/${name}`), Readable.from([bytes]), { size: bytes.length });
}

async function contentOf(user: PortalUser, entry: FileEntry): Promise<Buffer> {
  const content = await (await storage()).read({ user }, entry.path);
  const chunks: Buffer[] = [];
  for await (const chunk of content.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function textOf(user: PortalUser, entry: FileEntry): Promise<string> {
  return (await mammoth.extractRawText({ buffer: await contentOf(user, entry) })).value.trim();
}

async function statOf(user: PortalUser, entry: FileEntry): Promise<FileEntry> {
  return (await storage()).stat({ user }, entry.path);
}

async function openEditor(user: PortalUser, fileId: string, mode: "edit" | "view" = "edit") {
  const { openOnlyOfficeEditor } = await import("./open-onlyoffice-editor");
  return openOnlyOfficeEditor(user, fileId, { mode, lang: "fr" });
}

/** What the page does: api.js hands the config to the editor, which opens the document. */
async function openInDouble(config: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${fixture.double.url}/double/open`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ config }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function hook(key: string, action: string, body: unknown = {}) {
  const response = await fetch(`${fixture.double.url}/double/sessions/${key}/${action}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { status: number; body: { error: number } };
}

const sign = (payload: Record<string, unknown>, secret = TEST_ONLYOFFICE_SECRET) =>
  new SignJWT(payload).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(secret));

/** Posts a callback as the Document Server would, or as an attacker shaping it. */
async function postCallback(
  callbackUrl: string,
  payload: Record<string, unknown>,
  options: { secret?: string; signed?: boolean } = {},
): Promise<{ status: number; body: { error: number; message?: string } }> {
  const signed = options.signed ?? true;
  const token = signed ? await sign(payload, options.secret) : undefined;
  const response = await fetch(callbackUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...payload, ...(token ? { token } : {}) }),
  });
  return { status: response.status, body: (await response.json()) as { error: number; message?: string } };
}

async function auditActions(fileId: string): Promise<Array<{ action: string; outcome: string }>> {
  const { db } = await import("@/server/db/client");
  const { auditLog } = await import("@/server/db/schema");
  const database = await db();
  return database
    .select({ action: auditLog.action, outcome: auditLog.outcome })
    .from(auditLog)
    .where(eq(auditLog.targetId, fileId));
}

async function keyOf(fileId: string): Promise<string | null> {
  const { currentKey } = await import("./document-keys");
  return currentKey(fileId);
}

describe("OnlyOffice editing session against the Document Server double", () => {
  it("opens, force-saves keeping the key, saves on close with a new key next time", async () => {
    const entry = await upload(fixture.alice, "Lettre de sortie.docx", await docx("Texte d'origine"));
    const start = await openEditor(fixture.alice, entry.id);
    expect(start.documentServerUrl).toBe(fixture.double.url);
    expect(start.config.editorConfig.mode).toBe("edit");
    expect(start.config.editorConfig.user).toEqual({ id: fixture.alice.id, name: "Alice Martin" });
    const key = start.config.document.key;

    // The double verifies the token, downloads the file through the portal and reports status 1.
    const opened = await openInDouble(start.config);
    expect(opened).toEqual({
      status: 200,
      body: { title: "Lettre de sortie.docx", size: entry.size, key, mode: "edit" },
    });
    expect(fixture.double.callbacks.at(-1)).toMatchObject({
      payload: { status: 1 },
      reply: { status: 200, body: { error: 0 } },
    });

    // A second person opening meanwhile joins the same session (same key).
    expect((await openEditor(fixture.alice, entry.id)).config.document.key).toBe(key);

    await hook(key, "edit", { text: "Première version enregistrée" });
    expect(await hook(key, "forcesave")).toEqual({ status: 200, body: { error: 0 } });
    expect(await textOf(fixture.alice, entry)).toBe("Première version enregistrée");
    expect(await keyOf(entry.id)).toBe(key);
    expect((await openEditor(fixture.alice, entry.id)).config.document.key).toBe(key);

    await hook(key, "edit", { text: "Version finale" });
    expect(await hook(key, "close")).toEqual({ status: 200, body: { error: 0 } });
    expect(await textOf(fixture.alice, entry)).toBe("Version finale");
    expect(await keyOf(entry.id)).toBeNull();
    const next = await openEditor(fixture.alice, entry.id);
    expect(next.config.document.key).not.toBe(key);

    const versions = await (await storage()).listVersions({ user: fixture.alice }, entry.path);
    expect(versions.length).toBe(2);
    const actions = await auditActions(entry.id);
    expect(actions.filter((event) => event.action === "office.onlyoffice_saved")).toHaveLength(2);
  });

  it("a status-4 close leaves the file alone", async () => {
    const entry = await upload(fixture.alice, "Inchangé.docx", await docx("Rien ne change"));
    const start = await openEditor(fixture.alice, entry.id);
    await openInDouble(start.config);
    expect(await hook(start.config.document.key, "close")).toEqual({ status: 200, body: { error: 0 } });
    expect((await statOf(fixture.alice, entry)).etag).toBe(entry.etag);
  });

  it("a file changed elsewhere gets a new key (the Document Server's cache must not be reopened)", async () => {
    const entry = await upload(fixture.alice, "Modifié ailleurs.docx", await docx("v1"));
    const first = await openEditor(fixture.alice, entry.id);
    const { parseUserPath } = await import("@/server/files/paths");
    const bytes = await docx("v2 téléversée");
    await (
      await storage()
    ).write({ user: fixture.alice }, parseUserPath("/Modifié ailleurs.docx"), Readable.from([bytes]), {
      overwrite: true,
    });
    expect((await openEditor(fixture.alice, entry.id)).config.document.key).not.toBe(first.config.document.key);
  });

  it("processes a repeated save once", async () => {
    const entry = await upload(fixture.alice, "Répété.docx", await docx("avant"));
    const start = await openEditor(fixture.alice, entry.id);
    await openInDouble(start.config);
    await hook(start.config.document.key, "edit", { text: "après" });
    expect(await hook(start.config.document.key, "close")).toEqual({ status: 200, body: { error: 0 } });
    const saved = await statOf(fixture.alice, entry);
    const last = fixture.double.callbacks.at(-1);
    expect(last?.payload.status).toBe(2);

    // The Document Server sends the same callback again (it did not see our answer).
    const again = await postCallback(start.config.editorConfig.callbackUrl, last?.payload ?? {});
    expect(again).toEqual({ status: 200, body: { error: 0 } });
    expect((await statOf(fixture.alice, entry)).etag).toBe(saved.etag);
    expect(await (await storage()).listVersions({ user: fixture.alice }, entry.path)).toHaveLength(1);
  });

  it("refuses unsigned and badly signed callbacks without touching the file", async () => {
    const entry = await upload(fixture.alice, "Protégé.docx", await docx("intact"));
    const start = await openEditor(fixture.alice, entry.id);
    await openInDouble(start.config);
    await hook(start.config.document.key, "edit", { text: "pirate" });
    const sessionResult = await hook(start.config.document.key, "fail", { status: 3 });
    expect(sessionResult).toEqual({ status: 200, body: { error: 0 } });
    const url = (fixture.double.callbacks.at(-1)?.payload.url ?? "") as string;
    const payload = { key: start.config.document.key, status: 2, url, users: [fixture.alice.id] };

    const unsigned = await postCallback(start.config.editorConfig.callbackUrl, payload, { signed: false });
    expect(unsigned.status).toBe(403);
    expect(unsigned.body.error).not.toBe(0);
    const forged = await postCallback(start.config.editorConfig.callbackUrl, payload, {
      secret: "an-attacker-secret-of-enough-length",
    });
    expect(forged.status).toBe(403);
    expect((await statOf(fixture.alice, entry)).etag).toBe(entry.etag);
    expect(await textOf(fixture.alice, entry)).toBe("intact");
    const actions = await auditActions(entry.id);
    expect(actions.filter((event) => event.action === "office.onlyoffice_callback_refused")).toHaveLength(2);
  });

  it("refuses a save whose url is on another host (no SSRF), and a link for another file", async () => {
    const entry = await upload(fixture.alice, "Réseau.docx", await docx("intact"));
    const other = await upload(fixture.alice, "Autre.docx", await docx("autre"));
    const start = await openEditor(fixture.alice, entry.id);
    const payload = {
      key: start.config.document.key,
      status: 2,
      url: `${fixture.portalOrigin}/api/office/x`,
      users: [],
    };
    const foreign = await postCallback(start.config.editorConfig.callbackUrl, payload);
    expect(foreign.status).toBe(403);
    expect(foreign.body.message).toMatch(/not on the Document Server/);

    // The callback link of one file cannot save into another.
    const otherUrl = start.config.editorConfig.callbackUrl.replace(`/callback/${entry.id}?`, `/callback/${other.id}?`);
    const crossed = await postCallback(otherUrl, { ...payload, url: `${fixture.double.url}/double/results/x` });
    expect(crossed.status).toBe(403);
    const noLink = await postCallback(start.config.editorConfig.callbackUrl.replace(/\?t=.*/, ""), payload);
    expect(noLink.status).toBe(403);
    expect((await statOf(fixture.alice, entry)).etag).toBe(entry.etag);
    expect((await statOf(fixture.alice, other)).etag).toBe(other.etag);
  });

  it("reports statuses 3 and 7 as save errors, acknowledged, file untouched", async () => {
    const entry = await upload(fixture.alice, "Erreur.docx", await docx("intact"));
    const start = await openEditor(fixture.alice, entry.id);
    await openInDouble(start.config);
    expect(await hook(start.config.document.key, "fail", { status: 3 })).toEqual({ status: 200, body: { error: 0 } });
    expect(await hook(start.config.document.key, "fail", { status: 7 })).toEqual({ status: 200, body: { error: 0 } });
    const failures = (await auditActions(entry.id)).filter((event) => event.action === "office.onlyoffice_save_failed");
    expect(failures).toEqual([
      { action: "office.onlyoffice_save_failed", outcome: "failure" },
      { action: "office.onlyoffice_save_failed", outcome: "failure" },
    ]);
    expect((await statOf(fixture.alice, entry)).etag).toBe(entry.etag);
  });

  it("answers malformed callbacks with a 4xx JSON error", async () => {
    const entry = await upload(fixture.alice, "Malformé.docx", await docx("x"));
    const start = await openEditor(fixture.alice, entry.id);
    const notJson = await fetch(start.config.editorConfig.callbackUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(notJson.status).toBe(400);
    const wrongType = await fetch(start.config.editorConfig.callbackUrl, { method: "POST", body: "x" });
    expect(wrongType.status).toBe(415);
    const get = await fetch(start.config.editorConfig.callbackUrl);
    expect(get.status).toBe(405);
  });
});

describe("the download link the Document Server uses", () => {
  it("serves the file's bytes with a valid link only", async () => {
    const bytes = await docx("à télécharger");
    const entry = await upload(fixture.alice, "Téléchargé.docx", bytes);
    const start = await openEditor(fixture.alice, entry.id);
    const ok = await fetch(start.config.document.url);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(bytes)).toBe(true);

    const tampered = await fetch(start.config.document.url.replace(/\?t=.*/, "?t=eyJhbGciOiJIUzI1NiJ9.e30.x"));
    expect(tampered.status).toBe(401);
    const { signLinkToken } = await import("./document-server-links");
    const expired = await signLinkToken(
      "download",
      { userId: fixture.alice.id, sessionId: fixture.alice.sessionId, fileId: entry.id },
      process.env.AUTH_SECRET ?? "",
      -60,
    );
    const late = await fetch(`${fixture.portalOrigin}/api/office/onlyoffice/download/${entry.id}?t=${expired}`);
    expect(late.status).toBe(401);
    // A callback link is not a download link.
    const callbackToken = new URL(start.config.editorConfig.callbackUrl).searchParams.get("t") ?? "";
    const wrongPurpose = await fetch(
      `${fixture.portalOrigin}/api/office/onlyoffice/download/${entry.id}?t=${callbackToken}`,
    );
    expect(wrongPurpose.status).toBe(401);
  });

  it("never opens another user's file", async () => {
    const entry = await upload(fixture.alice, "Privé.docx", await docx("à Alice"));
    await expect(openEditor(fixture.bob, entry.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(openEditor(fixture.alice, "../../etc")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("opens a read-only user's config in view mode and the double refuses a tampered config", async () => {
    const entry = await upload(fixture.alice, "Lecture.docx", await docx("lecture"));
    const view = await openEditor(fixture.alice, entry.id, "view");
    expect(view.config.editorConfig.mode).toBe("view");
    const tampered = { ...view.config, editorConfig: { ...view.config.editorConfig, mode: "edit" } };
    // The signed claims decide, not the JSON around them: still read-only.
    expect(await openInDouble(tampered)).toMatchObject({ status: 200, body: { mode: "view" } });
    const forged = {
      ...view.config,
      token: await sign({ ...view.config, token: undefined }, "wrong-secret-wrong-secret-1234"),
    };
    expect((await openInDouble(forged)).status).toBe(403);
  });
});
