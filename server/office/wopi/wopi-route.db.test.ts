// The WOPI host as the portal wires it: the route of wopi-server-extension.ts (services built from
// the configuration by wopi-services.ts) behind the portal's node-route dispatcher, and
// openWopiSession with its defaults. The WOPI client double plays the editor: the host page's form
// POST reaches its page, it calls CheckFileInfo back through the route, then locks and saves.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PortalUser } from "@/server/auth/portal-user";
import { env } from "@/server/env";
import { getFileStorage } from "@/server/files/get-file-storage";
import { parseUserPath } from "@/server/files/paths";
import { openWopiSession } from "@/server/office/wopi/open-wopi-session";
import { wopiRoute } from "@/server/office/wopi/wopi-server-extension";
import { wopiServices } from "@/server/office/wopi/wopi-services";
import { startWopiClientDouble, type WopiClientDouble } from "@/test/doubles/wopi-client/wopi-client-double";
import { startNodeRouteServer, type NodeRouteServer } from "@/test/support/node-route-server";
import { signInTestUser } from "@/test/support/signed-in-user";
import { useTestDatabase } from "@/test/support/test-database";
import { setTestEnv } from "@/test/support/test-env";

vi.setConfig({ testTimeout: 30_000 });

describe("the WOPI route as the portal serves it", () => {
  let double: WopiClientDouble;
  let server: NodeRouteServer;
  let root: string;
  let alice: PortalUser;

  beforeAll(async () => {
    double = await startWopiClientDouble();
    server = await startNodeRouteServer([wopiRoute]);
    root = mkdtempSync(path.join(tmpdir(), "wopi-route-"));
    setTestEnv({
      PORTAL_URL: "https://portail.hopital.test",
      WOPI_DISCOVERY_URL: double.discoveryUrl,
      WOPI_HOST_URL: server.origin,
      FILES_BACKEND: "local",
      FILES_ROOT: root,
    });
    await useTestDatabase();
    alice = (await signInTestUser("Alice Martin")).user;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await double?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it("is configured from WOPI_DISCOVERY_URL and WOPI_HOST_URL, and off without a discovery URL", () => {
    expect(wopiServices(env())?.hostUrl).toBe(server.origin);
    expect(wopiServices({ ...env(), WOPI_DISCOVERY_URL: undefined })).toBeNull();
  });

  it("opens, is called back by the editor, locks and saves through the portal's route", async () => {
    const storage = getFileStorage();
    await storage.createFolder({ user: alice }, parseUserPath("/Courriers"));
    const file = await storage.write(
      { user: alice },
      parseUserPath("/Courriers/Lettre de sortie.docx"),
      Readable.from([Buffer.from("v1")]),
      {
        size: 2,
      },
    );
    const opened = await openWopiSession(alice, file.id, "edit");
    const page = await fetch(opened.actionUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ access_token: opened.accessToken, access_token_ttl: String(opened.accessTokenTtl) }),
    });
    expect(await page.text()).toContain("Lettre de sortie.docx");
    const wopiPath = `/wopi/files/${file.id}`;
    const lock = await double.call(server.origin, {
      method: "POST",
      path: wopiPath,
      token: opened.accessToken,
      headers: { "x-wopi-override": "LOCK", "x-wopi-lock": "editor-session" },
    });
    expect(lock.status).toBe(200);
    const save = await double.call(server.origin, {
      method: "POST",
      path: `${wopiPath}/contents`,
      token: opened.accessToken,
      headers: { "x-wopi-override": "PUT", "x-wopi-lock": "editor-session" },
      body: "v2 — enregistré par l'éditeur",
    });
    expect(save.status).toBe(200);
    const content = await storage.read({ user: alice }, file.path);
    const chunks: Buffer[] = [];
    for await (const chunk of content.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString("utf8")).toBe("v2 — enregistré par l'éditeur");
    // The portal's node-route dispatcher answers JSON errors with its security headers.
    const refused = await double.call(server.origin, {
      path: wopiPath,
      token: opened.accessToken,
      signing: "wrong-key",
    });
    expect(refused.status).toBe(500);
    expect(refused.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
