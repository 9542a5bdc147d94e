// What the adapter-neutral contract cannot see of the local adapter: what is on disk and in the
// tables. Versions are capped and their blobs removed; a cut write leaves no stray file; purging
// frees the disk; two adapter instances on one database and root (two portal processes) continue
// each other's uploads; concurrent chunks and concurrent creates end in one winner and a CONFLICT;
// expired uploads are cleaned up; share secrets are stored hashed and sealed; names outside the
// Basic Multilingual Plane survive a folder move; old trash entries expire.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import type { PortalUser } from "@/server/auth/portal-user";
import type { Database } from "@/server/db/client";
import { fileNodes, fileShareLinks, fileTrash, fileUploads, users } from "@/server/db/schema";
import { parseUserPath } from "@/server/files/paths";
import type { FileStorage, StorageContext } from "@/server/files/storage";
import { MAX_VERSIONS_PER_FILE } from "@/server/files/local/commit-content";
import { createLocalStorage } from "@/server/files/local/local-storage";
import { foldName, toEntry } from "@/server/files/local/tree";

setTestEnv();

let database: Database;
let closeDatabase: () => Promise<void>;
let root: string;
let storage: FileStorage;
/** A second instance on the same database and root: another portal process. */
let otherProcess: FileStorage;
let ctx: StorageContext;

const p = parseUserPath;

function body(data: string | Buffer): Readable {
  return Readable.from([typeof data === "string" ? Buffer.from(data) : data]);
}

/** A body that trickles its bytes, so two requests overlap. */
function slowBody(data: Buffer, pieces = 5, delayMs = 40): Readable {
  const size = Math.ceil(data.length / pieces);
  let index = 0;
  return new Readable({
    read() {
      const piece = data.subarray(index * size, (index + 1) * size);
      index += 1;
      setTimeout(() => this.push(piece.length > 0 ? piece : null), delayMs);
    },
  });
}

function filesUnder(folder: string): string[] {
  try {
    return readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((name) =>
      statSync(path.join(folder, name)).isFile(),
    );
  } catch {
    return [];
  }
}

const userDir = () => path.join(root, ctx.user.id);
const blobCount = () => filesUnder(path.join(userDir(), "blobs")).length;

beforeAll(async () => {
  const open = await useTestDatabase();
  database = open.db;
  closeDatabase = open.close;
  root = mkdtempSync(path.join(tmpdir(), "files-local-internals-"));
  const [user] = await database.insert(users).values({ displayName: "Claire Petit" }).returning({ id: users.id });
  if (!user) throw new Error("test user was not created");
  const portalUser: PortalUser = {
    id: user.id,
    displayName: "Claire Petit",
    profession: null,
    provider: "demo",
    authMethods: ["pwd"],
    acr: null,
    isAdmin: false,
    sessionId: "s",
  };
  ctx = { user: portalUser };
  const options = {
    root,
    maxUploadBytes: 1024 * 1024,
    trashRetentionDays: 30,
    portalUrl: () => "https://portail.hopital.test",
    db: () => Promise.resolve(database),
  };
  storage = createLocalStorage(options);
  otherProcess = createLocalStorage(options);
}, 120_000);

afterAll(async () => {
  await closeDatabase();
  rmSync(root, { recursive: true, force: true });
});

describe("local adapter internals", () => {
  it("lists exactly the entries toEntry makes from the rows (the JSON the database builds), in listing order", async () => {
    await storage.createFolder(ctx, p("/listing"));
    await storage.createFolder(ctx, p("/listing/Zèbre"));
    await storage.write(ctx, p("/listing/photo.PNG"), body(Buffer.alloc(64, 1)), {});
    await storage.write(ctx, p('/listing/"guillemets" & <balises> ☃ 𝄞.txt'), body("texte"), {});
    await storage.write(ctx, p("/listing/Éte.pdf"), body("%PDF"), {});
    await storage.write(ctx, p("/listing/sans-type"), body("?"), {});
    await storage.setFavourite(ctx, p("/listing/Éte.pdf"), true);
    // Microsecond timestamps (as now() writes them), one past 999 ms, one before 1970, a large image.
    await database.execute(
      sql`update file_nodes set modified_at = '2026-03-01 10:20:30.123987+00' where owner_id = ${ctx.user.id} and path = '/listing/photo.PNG'`,
    );
    await database.execute(
      sql`update file_nodes set modified_at = '1969-12-31 23:59:59.999999+00', size = ${6 * 1024 * 1024} where owner_id = ${ctx.user.id} and path = '/listing/sans-type'`,
    );
    const rows = await database
      .select()
      .from(fileNodes)
      .where(sql`${fileNodes.ownerId} = ${ctx.user.id} and ${fileNodes.parentPath} = '/listing'`);
    const listed = await storage.list(ctx, p("/listing"));
    const expected = rows
      .map((row) => toEntry(row))
      .sort((a, b) =>
        a.kind !== b.kind ? (a.kind === "folder" ? -1 : 1) : foldName(a.name) < foldName(b.name) ? -1 : 1,
      );
    expect(listed).toEqual(expected);
    expect(listed.map((entry) => entry.name)).toEqual([
      "Zèbre",
      '"guillemets" & <balises> ☃ 𝄞.txt',
      "Éte.pdf",
      "photo.PNG",
      "sans-type",
    ]);
    expect(listed.find((entry) => entry.name === "photo.PNG")).toMatchObject({
      hasPreview: true,
      lastModified: "2026-03-01T10:20:30.123Z",
    });
    for (const entry of listed) expect(await storage.stat(ctx, entry.path)).toEqual(entry);
  });

  it(`keeps at most ${MAX_VERSIONS_PER_FILE} versions and deletes the dropped blobs`, async () => {
    await storage.createFolder(ctx, p("/cap"));
    const before = blobCount();
    for (let index = 0; index < MAX_VERSIONS_PER_FILE + 3; index += 1)
      await storage.write(ctx, p("/cap/often.txt"), body(`save ${index}`), { overwrite: true });
    const versions = await storage.listVersions(ctx, p("/cap/often.txt"));
    expect(versions).toHaveLength(MAX_VERSIONS_PER_FILE);
    expect(blobCount() - before).toBe(MAX_VERSIONS_PER_FILE + 1);
    const newest = versions[0];
    if (!newest) throw new Error("no version");
    const content = await storage.readVersion(ctx, p("/cap/often.txt"), newest.id);
    expect(Buffer.concat(await content.body.toArray()).toString()).toBe(`save ${MAX_VERSIONS_PER_FILE + 1}`);
  });

  it("leaves no temporary or blob file behind a cut or oversize write", async () => {
    const before = blobCount();
    const cut = new Readable({
      read() {
        this.push(Buffer.alloc(4096, 7));
        setImmediate(() => this.destroy(new Error("cut")));
      },
    });
    await expect(storage.write(ctx, p("/cut.bin"), cut, { size: 100_000 })).rejects.toThrow();
    await expect(storage.write(ctx, p("/huge.bin"), body(Buffer.alloc(1024 * 1024 + 1)))).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
    });
    await expect(storage.write(ctx, p("/long.bin"), body("0123456789"), { size: 5 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(filesUnder(path.join(userDir(), "tmp"))).toEqual([]);
    expect(blobCount()).toBe(before);
  });

  it("frees the disk when a trashed folder is purged, versions included", async () => {
    await storage.createFolder(ctx, p("/purge"));
    await storage.write(ctx, p("/purge/a.txt"), body("1"));
    await storage.write(ctx, p("/purge/a.txt"), body("2"), { overwrite: true });
    await storage.write(ctx, p("/purge/b.txt"), body("3"));
    const before = blobCount();
    await storage.delete(ctx, p("/purge"));
    expect(blobCount()).toBe(before);
    const entry = (await storage.listTrash(ctx)).find((item) => item.originalPath === "/purge");
    if (!entry) throw new Error("not in the trash");
    await storage.purgeFromTrash(ctx, entry.id);
    expect(blobCount()).toBe(before - 3);
  });

  it("purges trash entries past the retention when their owner next opens the trash", async () => {
    await storage.write(ctx, p("/old-trash.txt"), body("old"));
    await storage.write(ctx, p("/recent-trash.txt"), body("recent"));
    await storage.delete(ctx, p("/old-trash.txt"));
    await storage.delete(ctx, p("/recent-trash.txt"));
    const before = blobCount();
    const old = (await storage.listTrash(ctx)).find((item) => item.originalPath === "/old-trash.txt");
    if (!old) throw new Error("not in the trash");
    await database
      .update(fileTrash)
      .set({ deletedAt: sql`now() - interval '31 days'` })
      .where(eq(fileTrash.id, old.id));
    const names = (await storage.listTrash(ctx)).map((item) => item.originalPath);
    expect(names).toContain("/recent-trash.txt");
    expect(names).not.toContain("/old-trash.txt");
    expect(blobCount()).toBe(before - 1);
  });

  it("lets another process continue an upload, and completes it once", async () => {
    const data = Buffer.from("abcdefghij".repeat(100));
    const session = await storage.startUpload(ctx, p("/shared-upload.txt"), data.length);
    await storage.appendUpload(ctx, session.id, 0, body(data.subarray(0, 400)), 400);
    expect((await otherProcess.getUpload(ctx, session.id)).received).toBe(400);
    await otherProcess.appendUpload(ctx, session.id, 400, body(data.subarray(400)), data.length - 400);
    await storage.completeUpload(ctx, session.id);
    await expect(otherProcess.completeUpload(ctx, session.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const content = await otherProcess.read(ctx, p("/shared-upload.txt"));
    expect(Buffer.concat(await content.body.toArray()).equals(data)).toBe(true);
    expect(filesUnder(path.join(userDir(), "uploads"))).toEqual([]);
  });

  it("accepts one of two chunks sent at the same offset at once; the other is a CONFLICT", async () => {
    const data = Buffer.alloc(2000, 1);
    const session = await storage.startUpload(ctx, p("/race.bin"), data.length);
    const results = await Promise.allSettled([
      storage.appendUpload(ctx, session.id, 0, slowBody(data.subarray(0, 1000)), 1000),
      otherProcess.appendUpload(ctx, session.id, 0, slowBody(data.subarray(0, 1000)), 1000),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected");
    expect(refused?.status === "rejected" && (refused.reason as { code?: string }).code).toBe("CONFLICT");
    expect((await storage.getUpload(ctx, session.id)).received).toBe(1000);
    await storage.cancelUpload(ctx, session.id);
  });

  it("creates a new path once when two processes write it at the same time", async () => {
    const results = await Promise.allSettled([
      storage.write(ctx, p("/twice.txt"), slowBody(Buffer.from("first"))),
      otherProcess.write(ctx, p("/twice.txt"), slowBody(Buffer.from("second"))),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected");
    expect(refused?.status === "rejected" && (refused.reason as { code?: string }).code).toBe("CONFLICT");
    expect((await storage.list(ctx, p("/"))).filter((entry) => entry.name === "twice.txt")).toHaveLength(1);
  });

  it("never leaves a file under a folder's old path when the folder moves during the write", async () => {
    await storage.createFolder(ctx, p("/moving"));
    await storage.createFolder(ctx, p("/moving/inner"));
    const results = await Promise.allSettled([
      storage.write(ctx, p("/moving/inner/late.txt"), slowBody(Buffer.from("late"), 4, 30)),
      otherProcess.move(ctx, p("/moving"), p("/moved")),
    ]);
    expect(results[1].status).toBe("fulfilled");
    if (results[0].status === "fulfilled")
      expect(await otherProcess.stat(ctx, p("/moved/inner/late.txt"))).toBeDefined();
    else expect((results[0].reason as { code?: string }).code).toBe("NOT_FOUND");
    await expect(storage.stat(ctx, p("/moving/inner/late.txt"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(storage.list(ctx, p("/moving"))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("cleans up expired uploads when their owner starts another", async () => {
    const session = await storage.startUpload(ctx, p("/abandoned.bin"), 10);
    await storage.appendUpload(ctx, session.id, 0, body("12345"), 5);
    await database
      .update(fileUploads)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(fileUploads.id, session.id));
    await expect(storage.getUpload(ctx, session.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // And what a process killed mid-write left in tmp/ a day ago (a fresh one may still be written).
    const tmp = path.join(userDir(), "tmp");
    mkdirSync(tmp, { recursive: true });
    const [stale, fresh] = ["11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222"];
    writeFileSync(path.join(tmp, stale), "half");
    writeFileSync(path.join(tmp, fresh), "busy");
    const yesterday = new Date(Date.now() - 25 * 3600 * 1000);
    utimesSync(path.join(tmp, stale), yesterday, yesterday);
    const next = await storage.startUpload(ctx, p("/next.bin"), 1);
    expect(filesUnder(tmp)).toEqual([fresh]);
    rmSync(path.join(tmp, fresh));
    expect(await database.select().from(fileUploads).where(eq(fileUploads.id, session.id))).toEqual([]);
    expect(filesUnder(path.join(userDir(), "uploads"))).toEqual([`${next.id}.part`]);
    await storage.cancelUpload(ctx, next.id);
  });

  it("stores share tokens hashed and sealed, and passwords as scrypt hashes", async () => {
    await storage.write(ctx, p("/shared.txt"), body("x"));
    const link = await storage.createShareLink(ctx, p("/shared.txt"), { access: "read", password: "Secret-Passw0rd" });
    const [row] = await database.select().from(fileShareLinks).where(eq(fileShareLinks.id, link.id));
    expect(row?.tokenHash).not.toContain(link.token);
    expect(row?.tokenEnc).not.toContain(link.token);
    expect(row?.passwordHash).toMatch(/^scrypt\$16384\$8\$5\$[\w-]{22}\$[\w-]{43}$/);
    expect(row?.passwordHash).not.toContain("Secret");
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
  }, 30_000);

  it("moves a folder whose names are outside the Basic Multilingual Plane", async () => {
    await storage.createFolder(ctx, p("/📁 Dossier"));
    await storage.createFolder(ctx, p("/📁 Dossier/🩺 Cardio"));
    await storage.write(ctx, p("/📁 Dossier/🩺 Cardio/écho.txt"), body("ok"));
    await storage.move(ctx, p("/📁 Dossier"), p("/🗂️ Archive"));
    const moved = await storage.list(ctx, p("/🗂️ Archive/🩺 Cardio"));
    expect(moved.map((entry) => entry.path)).toEqual(["/🗂️ Archive/🩺 Cardio/écho.txt"]);
    await expect(storage.stat(ctx, p("/📁 Dossier"))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
