// Integration: the Nextcloud adapter against real Apache mod_dav (WebDAV) behind the Nextcloud
// contract double (OCS, chunking v2, trash, versions, public links), on both database engines.
// Needs Debian's apache2 + apache2-utils (`.ci/run` installs them). Behaviours every adapter shares
// are in the contract suite (nextcloud-storage.contract.db.test.ts); this file covers what is
// Nextcloud's own: authentication modes, the protocol on the wire, resumable chunked uploads
// across "processes", and refusals.
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import type { Database } from "@/server/db/client";
import type { PortalUser } from "@/server/auth/portal-user";
import type { FileStorage, StorageContext, UserPath } from "@/server/files/storage";
import { AppError } from "@/server/errors";
import { createNextcloudStorage } from "@/integrations/nextcloud/nextcloud-storage";
import {
  connectWithAppPassword,
  connectWithOidcSession,
  createPortalUser,
  startNextcloudTestStack,
  type NextcloudTestStack,
} from "@/test/doubles/nextcloud/nextcloud-test-stack";

const CHUNK = 5 * 1024 * 1024;

let stack: NextcloudTestStack;
let database: Database;
let alice: PortalUser;
let bruno: PortalUser;
let storage: FileStorage;
let oidcStorage: FileStorage;

const p = (value: string) => value as UserPath;

async function text(body: Readable): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts).toString("utf8");
}

async function bytes(body: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts);
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

beforeAll(async () => {
  setTestEnv();
  database = (await useTestDatabase()).db;
  stack = await startNextcloudTestStack(["alice", "bruno"]);
  alice = await createPortalUser(database, "Alice Martin");
  bruno = await createPortalUser(database, "Bruno Durand");
  await connectWithAppPassword(database, stack.double, alice, "alice");
  const options = { url: stack.double.url, timeoutMs: 10_000, chunkBytes: CHUNK, portalOrigin: "https://portail.test" };
  storage = createNextcloudStorage({ ...options, auth: "app-password" });
  oidcStorage = createNextcloudStorage({ ...options, auth: "oidc" });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe("Nextcloud adapter: authentication", () => {
  it("refuses with NEXTCLOUD_NOT_CONNECTED when the user has no app password", async () => {
    await expectCode(storage.list({ user: bruno }, p("/")), "NEXTCLOUD_NOT_CONNECTED");
  });

  it("calls as the user with their app password (Basic) and OCS-APIRequest on OCS", async () => {
    const before = stack.double.requests.length;
    await storage.write({ user: alice }, p("/hello.txt"), Readable.from([Buffer.from("bonjour")]), { size: 7 });
    const seen = stack.double.requests.slice(before);
    expect(seen.every((request) => request.headers.authorization?.startsWith("Basic "))).toBe(true);
    const ocs = seen.filter((request) => request.path.startsWith("/ocs/"));
    for (const request of ocs) expect(request.headers["ocs-apirequest"]).toBe("true");
  });

  it("calls with the session's OIDC access token as Bearer in oidc mode", async () => {
    const withSession = await connectWithOidcSession(stack.double, alice, "alice");
    const before = stack.double.requests.length;
    const entries = await oidcStorage.list({ user: withSession }, p("/"));
    expect(entries.map((entry) => entry.name)).toContain("hello.txt");
    const seen = stack.double.requests.slice(before);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((request) => request.headers.authorization?.startsWith("Bearer at-"))).toBe(true);
  });

  it("maps a revoked credential (401) to NEXTCLOUD_NOT_CONNECTED, never leaking upstream text", async () => {
    const stale = { ...alice, id: bruno.id };
    await connectWithAppPassword(database, stack.double, stale, "bruno");
    stack.double.ocs.appPasswords.clear();
    const error = await storage.list({ user: stale }, p("/")).catch((caught: unknown) => caught);
    expect((error as AppError).code).toBe("NEXTCLOUD_NOT_CONNECTED");
    expect((error as AppError).userMessage).not.toMatch(/Sabre|html|Unauthorized/);
    await connectWithAppPassword(database, stack.double, alice, "alice");
  });
});

describe("Nextcloud adapter: WebDAV on the wire", () => {
  const ctx = (): StorageContext => ({ user: alice });

  it("lists with Nextcloud's properties: file id, permissions, strong ETag, content type", async () => {
    await storage.createFolder(ctx(), p("/Dossier été"));
    await storage.write(ctx(), p("/Dossier été/note #1.txt"), Readable.from([Buffer.from("abc")]), { size: 3 });
    const [entry] = await storage.list(ctx(), p("/Dossier été"));
    expect(entry).toMatchObject({
      name: "note #1.txt",
      path: "/Dossier été/note #1.txt",
      kind: "file",
      size: 3,
      contentType: "text/plain",
      permissions: { read: true, write: true, delete: true, rename: true, share: true, create: false },
    });
    expect(entry?.id).toMatch(/^\d+$/);
    expect(entry?.etag).toMatch(/^"[^"]+"$/);
  });

  it("streams a Range as 206 with the range and the total size", async () => {
    await storage.write(ctx(), p("/range.txt"), Readable.from([Buffer.from("0123456789")]), { size: 10 });
    const content = await storage.read(ctx(), p("/range.txt"), { start: 2, end: 5 });
    expect(content.range).toEqual({ start: 2, end: 5 });
    expect(content.size).toBe(10);
    expect(await text(content.body)).toBe("2345");
    await expectCode(storage.read(ctx(), p("/range.txt"), { start: 50, end: 60 }), "RANGE_NOT_SATISFIABLE");
  });

  it("keeps the file id across a rename (MOVE) and gives a copy a new one (COPY)", async () => {
    const original = await storage.stat(ctx(), p("/range.txt"));
    const moved = await storage.move(ctx(), p("/range.txt"), p("/renamed.txt"));
    expect(moved.id).toBe(original.id);
    const copied = await storage.copy(ctx(), p("/renamed.txt"), p("/copy.txt"));
    expect(copied.id).not.toBe(original.id);
    await expectCode(storage.move(ctx(), p("/copy.txt"), p("/renamed.txt")), "CONFLICT");
  });

  it("refuses If-Match with a stale ETag (CONFLICT) and accepts the current one", async () => {
    const current = await storage.stat(ctx(), p("/renamed.txt"));
    await expectCode(
      storage.write(ctx(), p("/renamed.txt"), Readable.from([Buffer.from("x")]), { size: 1, ifMatch: '"stale"' }),
      "CONFLICT",
    );
    const written = await storage.write(ctx(), p("/renamed.txt"), Readable.from([Buffer.from("new")]), {
      size: 3,
      ifMatch: current.etag,
    });
    expect(written.etag).not.toBe(current.etag);
  });
});

describe("Nextcloud adapter: chunked upload v2", () => {
  const ctx = (): StorageContext => ({ user: alice });

  it("sends Destination and OC-Total-Length on every chunk request and assembles in order", async () => {
    const size = CHUNK + 1000;
    const session = await storage.startUpload(ctx(), p("/big.bin"), size);
    const first = Buffer.alloc(CHUNK, 1);
    const second = Buffer.alloc(1000, 2);
    await storage.appendUpload(ctx(), session.id, 0, Readable.from([first]), first.length);
    // A second "process": a new adapter instance resumes from Nextcloud's own record of chunks.
    const other = createNextcloudStorage({
      url: stack.double.url,
      auth: "app-password",
      timeoutMs: 10_000,
      chunkBytes: CHUNK,
      portalOrigin: "https://portail.test",
    });
    const resumed = await other.getUpload(ctx(), session.id);
    expect(resumed.received).toBe(CHUNK);
    await expectCode(other.appendUpload(ctx(), session.id, 0, Readable.from([second]), second.length), "CONFLICT");
    await other.appendUpload(ctx(), session.id, CHUNK, Readable.from([second]), second.length);
    const entry = await other.completeUpload(ctx(), session.id);
    expect(entry.size).toBe(size);
    const uploadRequests = stack.double.requests.filter(
      (request) => request.path.startsWith("/remote.php/dav/uploads/") && request.method !== "PROPFIND",
    );
    expect(uploadRequests.length).toBeGreaterThanOrEqual(4);
    for (const request of uploadRequests.filter((r) => r.method !== "DELETE")) {
      expect(request.headers.destination).toBe(`${stack.double.url}/remote.php/dav/files/alice/big.bin`);
    }
    for (const request of uploadRequests.filter((r) => r.method === "PUT" || r.method === "MOVE")) {
      expect(request.headers["oc-total-length"]).toBe(String(size));
    }
    const content = await storage.read(ctx(), p("/big.bin"), { start: CHUNK - 1, end: CHUNK });
    expect([...Buffer.from(await text(content.body), "latin1")]).toEqual([1, 2]);
  });

  /** `size` bytes in 64 KiB pieces, each byte its offset modulo 251 (a misplaced chunk shows). */
  const patterned = (size: number): Readable =>
    Readable.from(
      (function* () {
        for (let sent = 0; sent < size; sent += 65536) {
          const piece = Buffer.alloc(Math.min(65536, size - sent));
          for (let index = 0; index < piece.length; index += 1) piece[index] = (sent + index) % 251;
          yield piece;
        }
      })(),
    );

  it("relays a write above NEXTCLOUD_CHUNK_BYTES as chunks of that size, streamed, without re-reading progress", async () => {
    const size = CHUNK * 2 + 17;
    const before = stack.double.requests.length;
    const entry = await storage.write(ctx(), p("/streamed.bin"), patterned(size), { size });
    expect(entry.size).toBe(size);
    const sent = stack.double.requests.slice(before).filter((r) => r.path.startsWith("/remote.php/dav/uploads/"));
    const chunks = sent.filter((r) => r.method === "PUT");
    expect(chunks.map((r) => r.headers["content-length"])).toEqual([String(CHUNK), String(CHUNK), "17"]);
    expect(chunks.map((r) => r.path.split("/").pop())).toEqual(["1", "2", "3"]);
    // The one PROPFIND is completeChunkedUpload's check that every byte arrived before assembly.
    expect(sent.filter((r) => r.method === "PROPFIND")).toHaveLength(1);
    expect(sent.filter((r) => r.method === "MOVE")).toHaveLength(1);
    const back = await bytes((await storage.read(ctx(), p("/streamed.bin"))).body);
    expect(back.equals(await bytes(patterned(size)))).toBe(true);
  });

  it("writes a file of at most NEXTCLOUD_CHUNK_BYTES as one streamed PUT", async () => {
    const before = stack.double.requests.length;
    const entry = await storage.write(ctx(), p("/one-put.bin"), patterned(CHUNK), { size: CHUNK });
    expect(entry.size).toBe(CHUNK);
    const sent = stack.double.requests.slice(before);
    expect(sent.filter((r) => r.path.startsWith("/remote.php/dav/uploads/"))).toEqual([]);
    expect(sent.filter((r) => r.method === "PUT").map((r) => r.path)).toEqual([
      "/remote.php/dav/files/alice/one-put.bin",
    ]);
  });

  it("cancels a relayed upload whose body is cut, leaving no file", async () => {
    const size = CHUNK * 2;
    const cut = Readable.from(
      (async function* () {
        yield Buffer.alloc(CHUNK + 1000, 3);
        throw new Error("client went away");
      })(),
    );
    await expect(storage.write(ctx(), p("/cut.bin"), cut, { size })).rejects.toThrow();
    await expectCode(storage.stat(ctx(), p("/cut.bin")), "NOT_FOUND");
  });

  it("cancels an upload and forgets it", async () => {
    const session = await storage.startUpload(ctx(), p("/cancelled.bin"), 10);
    await storage.cancelUpload(ctx(), session.id);
    await expectCode(storage.getUpload(ctx(), session.id), "NOT_FOUND");
  });

  it("does not let another user touch an upload", async () => {
    const session = await storage.startUpload(ctx(), p("/mine.bin"), 10);
    await connectWithAppPassword(database, stack.double, bruno, "bruno");
    await expectCode(storage.getUpload({ user: bruno }, session.id), "NOT_FOUND");
  });
});

describe("Nextcloud adapter: shares, trash, versions", () => {
  const ctx = (): StorageContext => ({ user: alice });

  it("creates a password link (OCS shareType 3) that opens through public WebDAV with the password only", async () => {
    await storage.write(ctx(), p("/partage.txt"), Readable.from([Buffer.from("secret")]), { size: 6 });
    const link = await storage.createShareLink(ctx(), p("/partage.txt"), {
      access: "read",
      password: "Mot-de-passe-1",
    });
    expect(link).toMatchObject({ path: "/partage.txt", access: "read", hasPassword: true });
    expect(link.url).toBe(`https://portail.test/s/${link.token}`);
    await expectCode(storage.openShareLink(link.token, undefined), "UNAUTHENTICATED");
    await expectCode(storage.openShareLink(link.token, "wrong"), "UNAUTHENTICATED");
    const share = await storage.openShareLink(link.token, "Mot-de-passe-1");
    expect(share.root).toMatchObject({ name: "partage.txt", kind: "file", path: "/" });
    expect(await text((await share.read(p("/"))).body)).toBe("secret");
    expect((await storage.listShareLinks(ctx(), p("/partage.txt"))).map((l) => l.id)).toEqual([link.id]);
    await storage.revokeShareLink(ctx(), link.id);
    await expectCode(storage.openShareLink(link.token, "Mot-de-passe-1"), "NOT_FOUND");
  });

  it("upload-only links accept new files and show nothing", async () => {
    await storage.createFolder(ctx(), p("/Dépôt"));
    const link = await storage.createShareLink(ctx(), p("/Dépôt"), { access: "upload" });
    const share = await storage.openShareLink(link.token, undefined);
    expect(share.access).toBe("upload");
    await share.write(p("/compte-rendu.pdf"), Readable.from([Buffer.from("%PDF")]), { size: 4 });
    await expectCode(share.list(p("/")), "FORBIDDEN");
    // Nextcloud's file drop never overwrites: a taken name is stored as "name (2).ext".
    await share.write(p("/compte-rendu.pdf"), Readable.from([Buffer.from("x")]), { size: 1 });
    const names = (await storage.list(ctx(), p("/Dépôt"))).map((entry) => entry.name).sort();
    expect(names).toEqual(["compte-rendu (2).pdf", "compte-rendu.pdf"]);
    expect(await text((await storage.read(ctx(), p("/Dépôt/compte-rendu.pdf"))).body)).toBe("%PDF");
  });

  it("deletes into the trash and restores to the original path", async () => {
    await storage.write(ctx(), p("/Dossier été/à jeter.txt"), Readable.from([Buffer.from("x")]), { size: 1 });
    await storage.delete(ctx(), p("/Dossier été/à jeter.txt"));
    const item = (await storage.listTrash(ctx())).find((entry) => entry.name === "à jeter.txt");
    expect(item).toMatchObject({ originalPath: "/Dossier été/à jeter.txt", kind: "file" });
    const restored = await storage.restoreFromTrash(ctx(), item?.id ?? "");
    expect(restored.path).toBe("/Dossier été/à jeter.txt");
  });

  it("keeps a version on overwrite and restores it", async () => {
    await storage.write(ctx(), p("/v.txt"), Readable.from([Buffer.from("one")]), { size: 3 });
    await storage.write(ctx(), p("/v.txt"), Readable.from([Buffer.from("two")]), { size: 3, overwrite: true });
    const [version] = await storage.listVersions(ctx(), p("/v.txt"));
    expect(version).toBeDefined();
    expect(await text((await storage.readVersion(ctx(), p("/v.txt"), version?.id ?? "")).body)).toBe("one");
    await storage.restoreVersion(ctx(), p("/v.txt"), version?.id ?? "");
    expect(await text((await storage.read(ctx(), p("/v.txt"))).body)).toBe("one");
  });

  it("finds by name, lists recent files and favourites", async () => {
    expect((await storage.search(ctx(), "PARTAGE", 10)).map((entry) => entry.path)).toContain("/partage.txt");
    const recent = await storage.listRecent(ctx(), 3);
    expect(recent[0]?.path).toBe("/v.txt");
    expect(recent.every((entry) => entry.kind === "file")).toBe(true);
    await storage.setFavourite(ctx(), p("/partage.txt"), true);
    expect((await storage.listFavourites(ctx())).map((entry) => entry.path)).toEqual(["/partage.txt"]);
    expect((await storage.stat(ctx(), p("/partage.txt"))).favourite).toBe(true);
  });

  it("has no preview where Nextcloud has none", async () => {
    expect(await storage.preview(ctx(), p("/partage.txt"), { width: 64, height: 64 })).toBeNull();
  });
});
