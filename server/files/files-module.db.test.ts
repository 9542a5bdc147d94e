// The files module against the real local storage (temporary FILES_ROOT, both database engines):
// the recent-files widget's data, and the health check of each backend. Nextcloud's health is
// checked against a loopback server answering status.php the way Nextcloud documents it
// (`{"installed":true,"maintenance":false,…}`), since no Nextcloud runs here.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";

const root = mkdtempSync(path.join(tmpdir(), "files-module-"));
setTestEnv({ FILES_BACKEND: "local", FILES_ROOT: root });

const { useTestDatabase } = await import("@/test/support/test-database");
const { users } = await import("@/server/db/schema");
const { env, parseEnv } = await import("@/server/env");
const { getFileStorage } = await import("@/server/files/get-file-storage");
const { parseUserPath } = await import("@/server/files/paths");
const { filesModule, RECENT_FILES_WIDGET_MAX_ITEMS } = await import("@/server/files/files-module");

let close: () => Promise<void>;
let userId: string;

beforeAll(async () => {
  const database = await useTestDatabase();
  close = database.close;
  const [row] = await database.db.insert(users).values({ displayName: "Alice Martin" }).returning({ id: users.id });
  if (!row) throw new Error("no test user");
  userId = row.id;
  // Migrating a fresh PGlite takes a while on a busy machine.
}, 60_000);

afterAll(async () => {
  await close();
  rmSync(root, { recursive: true, force: true });
});

function context() {
  return {
    user: {
      id: userId,
      displayName: "Alice Martin",
      profession: null,
      provider: "idcaih",
      authMethods: ["pwd"],
      acr: null,
      isAdmin: false,
      sessionId: "session-test",
    },
  };
}

async function write(target: string, text: string): Promise<void> {
  const body = Buffer.from(text);
  await getFileStorage().write(context(), parseUserPath(target), Readable.from([body]), { size: body.length });
}

describe("recent files widget", () => {
  it("lists the newest files (no folders) with their folder, date, size and a link to the folder", async () => {
    const storage = getFileStorage();
    await storage.createFolder(context(), parseUserPath("/Rapports 2026"));
    for (let index = 1; index <= 6; index += 1) await write(`/Rapports 2026/cr-${index}.txt`, "x".repeat(index * 1500));
    await write("/note.txt", "racine");

    const widget = filesModule.widget;
    if (!widget) throw new Error("the files module declares a widget");
    const data = await widget.load({ ...context(), locale: "fr", signal: AbortSignal.timeout(5000) });

    expect(data.items).toHaveLength(RECENT_FILES_WIDGET_MAX_ITEMS);
    const times = data.items.map((item) => Date.parse(item.dateTime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const atRoot = data.items.find((item) => item.name === "note.txt");
    expect(atRoot).toMatchObject({ folder: "dans Mes fichiers", href: "/files", icon: "text" });
    const inFolder = data.items.find((item) => item.name === "cr-6.txt");
    expect(inFolder).toMatchObject({
      folder: "dans Rapports 2026",
      href: "/files?path=%2FRapports%202026",
    });
    expect(inFolder?.size).toMatch(/^9\sko$/);
    expect(data.items.every((item) => item.name !== "Rapports 2026")).toBe(true);
    expect(data.labels.listLabel).toBe("Fichiers modifiés récemment");

    const english = await widget.load({ ...context(), locale: "en", signal: AbortSignal.timeout(5000) });
    expect(english.items.find((item) => item.name === "cr-6.txt")?.folder).toBe("in Rapports 2026");
  });
});

describe("health", () => {
  const signal = () => AbortSignal.timeout(5000);

  it("local: up when FILES_ROOT is a writable folder, failing when it cannot be one", async () => {
    const health = filesModule.health;
    if (!health) throw new Error("the files module declares a health check");
    expect(await health(env(), signal())).toEqual({ state: "up" });
    const notAFolder = path.join(root, "a-file");
    writeFileSync(notAFolder, "x");
    await expect(health({ ...env(), FILES_ROOT: notAFolder }, signal())).rejects.toThrow();
  });

  describe("nextcloud", () => {
    let server: Server;
    let answer: { status: number; body: unknown } = { status: 200, body: {} };
    let url = "";

    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url !== "/nextcloud/status.php") {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/nextcloud`;
    });

    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("reads status.php: installed → up, maintenance → degraded, errors → down", async () => {
      const health = filesModule.health;
      if (!health) throw new Error("the files module declares a health check");
      const config = parseEnv({ ...process.env, FILES_BACKEND: "nextcloud", NEXTCLOUD_URL: url });
      answer = { status: 200, body: { installed: true, maintenance: false, version: "31.0.0" } };
      expect(await health(config, signal())).toEqual({ state: "up" });
      answer = { status: 200, body: { installed: true, maintenance: true } };
      expect(await health(config, signal())).toEqual({ state: "degraded", reason: "maintenance" });
      answer = { status: 200, body: { installed: false } };
      expect(await health(config, signal())).toEqual({ state: "down", reason: "not installed" });
      answer = { status: 503, body: {} };
      expect(await health(config, signal())).toEqual({ state: "down", reason: "http 503" });
    });
  });
});
