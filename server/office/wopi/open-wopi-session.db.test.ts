// openWopiSession: the action URL and token an editor page gets, checked against the storage's
// rights first; then the whole host-page flow against the WOPI client double (the form POST of
// access_token/access_token_ttl into its editor page, which calls CheckFileInfo back).
import { vi, afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { wopiAccessTokens } from "@/server/office/schema";
import { openWopiSession as open } from "@/server/office/wopi/open-wopi-session";
import { startWopiFixture, type WopiFixture } from "@/server/office/wopi/wopi-test-fixture";
import type { WopiServices } from "@/server/office/wopi/wopi-services";
import { createDiscoverySource } from "@/integrations/wopi/discovery";

setTestEnv({ PORTAL_URL: "https://portail.hopital.test" });
vi.setConfig({ testTimeout: 30_000 });

describe("openWopiSession", () => {
  let f: WopiFixture;
  let services: WopiServices;
  beforeAll(async () => {
    f = await startWopiFixture();
    services = {
      discovery: createDiscoverySource({ url: f.double.discoveryUrl }),
      tokens: f.tokens,
      host: f.first.host,
      hostUrl: f.first.origin,
    };
  }, 120_000);
  afterAll(async () => {
    await f?.close();
  });

  const session = (fileId: string, mode: "view" | "edit" | "editnew", user = f.alice) =>
    open(user, fileId, mode, { services, storage: f.storage });

  it("gives the edit action with a token for this user and file, expiring at access_token_ttl", async () => {
    const file = await f.put(f.alice, "/Courriers/Lettre.docx", "x");
    const opened = await session(file.id, "edit");
    expect(opened.mode).toBe("edit");
    const url = new URL(opened.actionUrl);
    expect(url.origin).toBe(f.double.origin);
    expect(url.searchParams.get("action")).toBe("edit");
    expect(url.searchParams.get("ui")).toBe("fr-FR");
    expect(url.searchParams.get("WOPISrc")).toBe(`${f.first.origin}/wopi/files/${file.id}`);
    expect(opened.actionUrl).not.toContain(opened.accessToken);
    const grant = await f.tokens.verify(opened.accessToken, file.id);
    expect(grant).toMatchObject({ userId: f.alice.id, permission: "edit", expiresAt: opened.accessTokenTtl });
  });

  it("opens read-only when asked, when the client cannot edit the format, and by MIME type (Collabora)", async () => {
    const docx = await f.put(f.alice, "/Courriers/Vue.docx", "x");
    expect((await session(docx.id, "view")).mode).toBe("view");
    const pdf = await f.put(f.alice, "/Courriers/Scan.pdf", "%PDF-1.4");
    const pdfSession = await session(pdf.id, "edit");
    expect(pdfSession.mode).toBe("view");
    expect((await f.tokens.verify(pdfSession.accessToken, pdf.id)).permission).toBe("view");
    const pptx = await f.put(f.alice, "/Courriers/Diapos.pptx", "x");
    expect((await session(pptx.id, "edit")).actionUrl).toContain("/editor/app.html?WOPISrc=");
  });

  it("makes no token for a file the user cannot reach, and refuses formats the client cannot open", async () => {
    const brunos = await f.put(f.bruno, "/Privé/Dossier patient.docx", "secret");
    const before = (await f.db.select().from(wopiAccessTokens)).length;
    await expect(session(brunos.id, "edit")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await f.db.select().from(wopiAccessTokens)).length).toBe(before);
    const exe = await f.put(f.alice, "/Courriers/outil.exe", "MZ");
    await expect(session(exe.id, "view")).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(open(f.alice, exe.id, "view", { services: null, storage: f.storage })).rejects.toMatchObject({
      code: "NOT_CONFIGURED",
    });
  });

  it("the host-page flow: a form POST into the client's page, which calls CheckFileInfo back", async () => {
    const file = await f.put(f.alice, "/Courriers/Compte rendu opératoire.docx", "x");
    const opened = await session(file.id, "edit");
    const page = await fetch(opened.actionUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ access_token: opened.accessToken, access_token_ttl: String(opened.accessTokenTtl) }),
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Compte rendu opératoire.docx");
    expect(html).not.toContain(opened.accessToken);
    expect(f.double.editorPosts().at(-1)).toMatchObject({ hasToken: true, ttl: String(opened.accessTokenTtl) });
  });
});
