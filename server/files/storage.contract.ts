/**
 * The contract every `FileStorage` adapter passes: one Vitest suite, run by each adapter's own test
 * file (server/files/local/local-storage.db.test.ts; the Nextcloud adapter's against its test
 * server). It talks to the adapter ONLY through the interface — no peeking at disk or tables — so
 * the same expectations hold for every backend. Where a backend may legitimately behave otherwise,
 * the difference is an explicit option (`FileStorageContractOptions`), never a silent skip:
 *
 *   - searchIgnoresAccents: local folds accents ("reunion" finds "Réunion"); Nextcloud's search
 *     is case-insensitive but accent-sensitive, so it passes `false`;
 *   - restoreIntoTakenPath: local answers CONFLICT when the original path is taken again;
 *     Nextcloud restores beside it under another name (`"renamed"`);
 *   - versionSpacingMs: Nextcloud names versions by their second, so two overwrites in one second
 *     are one version; it waits between writes of the versions tests;
 *   - chunkBytes: the chunk size of the upload tests (S3-backed Nextcloud needs ≥ 5 MiB chunks);
 *   - setup hooks: `expireShareLink` makes a link expired (time cannot be moved through the
 *     interface, since an expiry date in the past is refused); `otherContext` is a second user for
 *     the isolation tests. Without them, those tests are reported as skipped, by name.
 *
 * Each test works in its own fresh folder, so tests do not depend on one another's leftovers.
 */
import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseUserPath } from "@/server/files/paths";
import type { FileContent, FileStorage, StorageContext, UserPath } from "@/server/files/storage";

export interface FileStorageContractSetup {
  storage: FileStorage;
  /** The user the tests act as. */
  context: StorageContext;
  /** A second user, for the isolation tests. */
  otherContext?: StorageContext;
  /** Makes the link expired (its last day in the past), for the expiry test. */
  expireShareLink?: (shareId: string) => Promise<void>;
  teardown: () => Promise<void>;
}

export interface FileStorageContractOptions {
  searchIgnoresAccents?: boolean;
  restoreIntoTakenPath?: "conflict" | "renamed";
  /**
   * Whether a file dropped through an upload link onto a taken name reports the name it was stored
   * under. Nextcloud stores it as "name (2).ext" but answers without saying so, and a drop link
   * may not list the folder (default true).
   */
  dropReportsStoredName?: boolean;
  versionSpacingMs?: number;
  chunkBytes?: number;
}

/** A 1×1 transparent PNG. */
const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

const p = (value: string): UserPath => parseUserPath(value);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** A body streamed in small pieces, as a network request would arrive. */
function bodyOf(data: Buffer | string, pieceBytes = 16 * 1024): Readable {
  const bytes = typeof data === "string" ? Buffer.from(data) : data;
  return Readable.from(
    (function* pieces() {
      for (let offset = 0; offset < bytes.length; offset += pieceBytes)
        yield bytes.subarray(offset, offset + pieceBytes);
    })(),
  );
}

/** A body that sends `bytes` and then fails, as a connection cut mid-request does. */
function cutBodyOf(bytes: Buffer): Readable {
  return new Readable({
    read() {
      this.push(bytes);
      setImmediate(() => this.destroy(new Error("connection reset by the test")));
    },
  });
}

async function text(content: FileContent): Promise<string> {
  return (await buffer(content)).toString("utf8");
}

async function buffer(content: FileContent): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of content.body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

function present<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`expected ${what}`);
  return value;
}

async function rejectsWith(promise: Promise<unknown>, code: string | string[]): Promise<void> {
  const codes = Array.isArray(code) ? code : [code];
  const error = await promise.then(
    () => {
      throw new Error(`expected a rejection with ${codes.join(" or ")}, but it succeeded`);
    },
    (reason: unknown) => reason,
  );
  expect(codes, String((error as Error)?.message)).toContain((error as { code?: unknown }).code);
}

export function describeFileStorageContract(
  name: string,
  setup: () => Promise<FileStorageContractSetup>,
  options: FileStorageContractOptions = {},
): void {
  const searchIgnoresAccents = options.searchIgnoresAccents ?? true;
  const restoreIntoTakenPath = options.restoreIntoTakenPath ?? "conflict";
  const dropReportsStoredName = options.dropReportsStoredName ?? true;
  const versionSpacingMs = options.versionSpacingMs ?? 0;
  const chunkBytes = options.chunkBytes ?? 64 * 1024;

  describe(`FileStorage contract: ${name}`, () => {
    let env: FileStorageContractSetup;
    let storage: FileStorage;
    let ctx: StorageContext;
    let folderCount = 0;

    beforeAll(async () => {
      env = await setup();
      storage = env.storage;
      ctx = env.context;
    }, 120_000);
    afterAll(async () => {
      await env?.teardown();
    }, 60_000);

    /** A fresh folder for one test: `/t3 Test name`. */
    async function freshFolder(): Promise<UserPath> {
      folderCount += 1;
      const folder = p(`/contract-${folderCount}-${randomBytes(3).toString("hex")}`);
      await storage.createFolder(ctx, folder);
      return folder;
    }
    const inside = (folder: UserPath, rest: string) => p(`${folder}/${rest}`);
    const put = (target: UserPath, data: Buffer | string, overwrite = false) =>
      storage.write(ctx, target, bodyOf(data), {
        size: typeof data === "string" ? Buffer.byteLength(data) : data.length,
        overwrite,
      });
    const readText = async (target: UserPath) => text(await storage.read(ctx, target));
    /** The trash entry of what was at `originalPath` (the test fails here if there is none). */
    const inTrash = async (originalPath: UserPath) =>
      present(
        (await storage.listTrash(ctx)).find((item) => item.originalPath === originalPath),
        `a trash entry for ${originalPath}`,
      );

    describe("folders, listing and stat", () => {
      it("creates folders, lists entries one level deep and stats them", async () => {
        const folder = await freshFolder();
        await storage.createFolder(ctx, inside(folder, "Sous-dossier"));
        await put(inside(folder, "notes.txt"), "bonjour");
        await put(inside(folder, "Sous-dossier/deep.txt"), "profond");
        const entries = await storage.list(ctx, folder);
        expect(entries.map((entry) => [entry.name, entry.kind, entry.path]).sort()).toEqual([
          ["Sous-dossier", "folder", `${folder}/Sous-dossier`],
          ["notes.txt", "file", `${folder}/notes.txt`],
        ]);
        const file = await storage.stat(ctx, inside(folder, "notes.txt"));
        expect(file).toMatchObject({ kind: "file", size: 7, name: "notes.txt", favourite: false });
        expect(file.contentType).toMatch(/^text\/plain/);
        expect(file.etag).toMatch(/^(W\/)?".+"$/);
        expect(Number.isNaN(Date.parse(file.lastModified))).toBe(false);
        expect(file.permissions.read).toBe(true);
        const sub = await storage.stat(ctx, inside(folder, "Sous-dossier"));
        expect(sub).toMatchObject({ kind: "folder", contentType: null });
      });

      it("stats the root and lists it", async () => {
        const folder = await freshFolder();
        expect(await storage.stat(ctx, p("/"))).toMatchObject({ path: "/", kind: "folder" });
        expect((await storage.list(ctx, p("/"))).some((entry) => entry.path === folder)).toBe(true);
      });

      it("refuses an existing folder, a folder in a missing parent, and listing what is not there", async () => {
        const folder = await freshFolder();
        await rejectsWith(storage.createFolder(ctx, folder), "CONFLICT");
        await rejectsWith(storage.createFolder(ctx, inside(folder, "missing/child")), ["NOT_FOUND", "CONFLICT"]);
        await rejectsWith(storage.list(ctx, inside(folder, "missing")), "NOT_FOUND");
        await rejectsWith(storage.stat(ctx, inside(folder, "missing.txt")), "NOT_FOUND");
      });

      it("finds an entry by its id across a rename; unknown, malformed and trashed ids are NOT_FOUND", async () => {
        const folder = await freshFolder();
        const written = await put(inside(folder, "compte rendu.docx"), "contenu");
        // WOPI file ids are these ids, in URL paths: they must be URL-safe as they are.
        expect(written.id).toMatch(/^[A-Za-z0-9._~-]+$/);
        expect(await storage.statById(ctx, written.id)).toMatchObject({
          id: written.id,
          path: `${folder}/compte rendu.docx`,
          kind: "file",
          size: 7,
          etag: written.etag,
        });
        const moved = await storage.move(ctx, inside(folder, "compte rendu.docx"), inside(folder, "final.docx"));
        expect(await storage.statById(ctx, written.id)).toMatchObject({ id: written.id, path: moved.path });
        const sub = await storage.createFolder(ctx, inside(folder, "Sous-dossier"));
        expect(await storage.statById(ctx, sub.id)).toMatchObject({ kind: "folder", path: sub.path });
        for (const bad of ["", "0", "999999999", "00000000-0000-4000-8000-000000000000", "../x", "1 OR 1=1", "%2F"])
          await rejectsWith(storage.statById(ctx, bad), "NOT_FOUND");
        await storage.delete(ctx, moved.path);
        await rejectsWith(storage.statById(ctx, written.id), "NOT_FOUND");
      });
    });

    describe("write and read", () => {
      it("streams a file in and out unchanged (3 MiB of random bytes)", async () => {
        const folder = await freshFolder();
        const data = randomBytes(3 * 1024 * 1024 + 17);
        const entry = await put(inside(folder, "random.bin"), data);
        expect(entry.size).toBe(data.length);
        const content = await storage.read(ctx, inside(folder, "random.bin"));
        expect(content.size).toBe(data.length);
        expect(content.etag).toBe(entry.etag);
        expect(sha256(await buffer(content))).toBe(sha256(data));
      });

      it("reads byte ranges, clips an end past the file, and refuses unsatisfiable ones", async () => {
        const folder = await freshFolder();
        await put(inside(folder, "alphabet.txt"), "abcdefghijklmnopqrstuvwxyz");
        const middle = await storage.read(ctx, inside(folder, "alphabet.txt"), { start: 2, end: 5 });
        expect(middle.range).toEqual({ start: 2, end: 5 });
        expect(middle.size).toBe(26);
        expect(await text(middle)).toBe("cdef");
        const tail = await storage.read(ctx, inside(folder, "alphabet.txt"), { start: 20, end: 1000 });
        expect(tail.range).toEqual({ start: 20, end: 25 });
        expect(await text(tail)).toBe("uvwxyz");
        await rejectsWith(
          storage.read(ctx, inside(folder, "alphabet.txt"), { start: 26, end: 30 }),
          "RANGE_NOT_SATISFIABLE",
        );
        await put(inside(folder, "empty.txt"), "");
        expect(await readText(inside(folder, "empty.txt"))).toBe("");
        await rejectsWith(
          storage.read(ctx, inside(folder, "empty.txt"), { start: 0, end: 0 }),
          "RANGE_NOT_SATISFIABLE",
        );
      });

      it("refuses to replace without overwrite; overwriting changes content and ETag", async () => {
        const folder = await freshFolder();
        const target = inside(folder, "rapport.txt");
        const first = await put(target, "version 1");
        await rejectsWith(put(target, "version 2"), "CONFLICT");
        expect(await readText(target)).toBe("version 1");
        const second = await put(target, "version 2", true);
        expect(second.etag).not.toBe(first.etag);
        expect(second.id).toBe(first.id);
        expect(await readText(target)).toBe("version 2");
      });

      it("honours If-Match: a stale ETag is a CONFLICT, the current one writes", async () => {
        const folder = await freshFolder();
        const target = inside(folder, "compte-rendu.txt");
        const first = await put(target, "a");
        const second = await put(target, "b", true);
        await rejectsWith(
          storage.write(ctx, target, bodyOf("c"), { size: 1, overwrite: true, ifMatch: first.etag }),
          "CONFLICT",
        );
        expect(await readText(target)).toBe("b");
        const third = await storage.write(ctx, target, bodyOf("c"), { size: 1, overwrite: true, ifMatch: second.etag });
        expect(await readText(target)).toBe("c");
        expect(third.etag).not.toBe(second.etag);
        await rejectsWith(
          storage.write(ctx, inside(folder, "absent.txt"), bodyOf("x"), { size: 1, ifMatch: third.etag }),
          ["CONFLICT", "NOT_FOUND"],
        );
      });

      it("leaves no file behind when the body is shorter than declared or cut", async () => {
        const folder = await freshFolder();
        await rejectsWith(storage.write(ctx, inside(folder, "short.txt"), bodyOf("abc"), { size: 10 }), [
          "BAD_REQUEST",
          "CONFLICT",
          "BACKEND_UNAVAILABLE",
        ]);
        await rejectsWith(storage.stat(ctx, inside(folder, "short.txt")), "NOT_FOUND");
        await expect(
          storage.write(ctx, inside(folder, "cut.txt"), cutBodyOf(Buffer.alloc(1000, 1)), { size: 5000 }),
        ).rejects.toBeDefined();
        await rejectsWith(storage.stat(ctx, inside(folder, "cut.txt")), "NOT_FOUND");
        // A cut overwrite keeps the previous content.
        await put(inside(folder, "kept.txt"), "original");
        await expect(
          storage.write(ctx, inside(folder, "kept.txt"), cutBodyOf(Buffer.alloc(1000, 2)), {
            size: 5000,
            overwrite: true,
          }),
        ).rejects.toBeDefined();
        expect(await readText(inside(folder, "kept.txt"))).toBe("original");
      });

      it("refuses writing into a missing folder and writing over a folder", async () => {
        const folder = await freshFolder();
        await rejectsWith(put(inside(folder, "missing/a.txt"), "x"), ["NOT_FOUND", "CONFLICT"]);
        await storage.createFolder(ctx, inside(folder, "sub"));
        await rejectsWith(put(inside(folder, "sub"), "x", true), ["CONFLICT", "BAD_REQUEST"]);
      });
    });

    describe("resumable uploads", () => {
      const uploadData = () => randomBytes(Math.floor(chunkBytes * 2.5));

      it("assembles chunks sent at increasing offsets", async () => {
        const folder = await freshFolder();
        const data = uploadData();
        const target = inside(folder, "scan.pdf");
        let session = await storage.startUpload(ctx, target, data.length);
        expect(session).toMatchObject({ path: target, size: data.length, received: 0 });
        expect(Date.parse(session.expiresAt)).toBeGreaterThan(Date.now());
        for (let offset = 0; offset < data.length; offset += chunkBytes) {
          const chunk = data.subarray(offset, offset + chunkBytes);
          session = await storage.appendUpload(ctx, session.id, offset, bodyOf(chunk), chunk.length);
          expect(session.received).toBe(offset + chunk.length);
        }
        expect((await storage.getUpload(ctx, session.id)).received).toBe(data.length);
        const entry = await storage.completeUpload(ctx, session.id);
        expect(entry).toMatchObject({ path: target, size: data.length, kind: "file" });
        expect(entry.contentType).toBe("application/pdf");
        expect(sha256(await buffer(await storage.read(ctx, target)))).toBe(sha256(data));
        await rejectsWith(storage.getUpload(ctx, session.id), "NOT_FOUND");
      });

      it("refuses a chunk at the wrong offset with CONFLICT and keeps the session", async () => {
        const folder = await freshFolder();
        const data = uploadData();
        const session = await storage.startUpload(ctx, inside(folder, "a.bin"), data.length);
        await storage.appendUpload(ctx, session.id, 0, bodyOf(data.subarray(0, chunkBytes)), chunkBytes);
        await rejectsWith(
          storage.appendUpload(ctx, session.id, 0, bodyOf(data.subarray(0, chunkBytes)), chunkBytes),
          "CONFLICT",
        );
        await rejectsWith(
          storage.appendUpload(ctx, session.id, chunkBytes * 2, bodyOf(data.subarray(0, chunkBytes)), chunkBytes),
          "CONFLICT",
        );
        expect((await storage.getUpload(ctx, session.id)).received).toBe(chunkBytes);
        await storage.cancelUpload(ctx, session.id);
      });

      it("resumes after a chunk is cut: the cut chunk does not count, resending it completes the file", async () => {
        const folder = await freshFolder();
        const data = uploadData();
        const target = inside(folder, "resumed.bin");
        const session = await storage.startUpload(ctx, target, data.length);
        await storage.appendUpload(ctx, session.id, 0, bodyOf(data.subarray(0, chunkBytes)), chunkBytes);
        await expect(
          storage.appendUpload(
            ctx,
            session.id,
            chunkBytes,
            cutBodyOf(data.subarray(chunkBytes, chunkBytes + 100)),
            chunkBytes,
          ),
        ).rejects.toBeDefined();
        const resumed = await storage.getUpload(ctx, session.id);
        expect(resumed.received).toBe(chunkBytes);
        for (let offset = resumed.received; offset < data.length; offset += chunkBytes) {
          const chunk = data.subarray(offset, offset + chunkBytes);
          await storage.appendUpload(ctx, session.id, offset, bodyOf(chunk), chunk.length);
        }
        await storage.completeUpload(ctx, session.id);
        expect(sha256(await buffer(await storage.read(ctx, target)))).toBe(sha256(data));
      });

      it("refuses to complete before every byte arrived", async () => {
        const folder = await freshFolder();
        const data = uploadData();
        const session = await storage.startUpload(ctx, inside(folder, "partial.bin"), data.length);
        await storage.appendUpload(ctx, session.id, 0, bodyOf(data.subarray(0, chunkBytes)), chunkBytes);
        await rejectsWith(storage.completeUpload(ctx, session.id), ["CONFLICT", "BAD_REQUEST"]);
        await rejectsWith(storage.stat(ctx, inside(folder, "partial.bin")), "NOT_FOUND");
        await storage.cancelUpload(ctx, session.id);
      });

      it("cancels: the session is gone and no file appears", async () => {
        const folder = await freshFolder();
        const data = uploadData();
        const session = await storage.startUpload(ctx, inside(folder, "cancelled.bin"), data.length);
        await storage.appendUpload(ctx, session.id, 0, bodyOf(data.subarray(0, chunkBytes)), chunkBytes);
        await storage.cancelUpload(ctx, session.id);
        await rejectsWith(storage.getUpload(ctx, session.id), "NOT_FOUND");
        await rejectsWith(storage.appendUpload(ctx, session.id, chunkBytes, bodyOf("x"), 1), "NOT_FOUND");
        await rejectsWith(storage.stat(ctx, inside(folder, "cancelled.bin")), "NOT_FOUND");
        await rejectsWith(storage.getUpload(ctx, "00000000-0000-4000-8000-000000000000"), "NOT_FOUND");
        await rejectsWith(storage.getUpload(ctx, "../../etc/passwd"), ["NOT_FOUND", "BAD_REQUEST"]);
      });

      it("does not replace an existing file unless asked", async () => {
        const folder = await freshFolder();
        const target = inside(folder, "existing.txt");
        await put(target, "keep me");
        const attempt = (async () => {
          const session = await storage.startUpload(ctx, target, 3);
          await storage.appendUpload(ctx, session.id, 0, bodyOf("new"), 3);
          return storage.completeUpload(ctx, session.id);
        })();
        await rejectsWith(attempt, "CONFLICT");
        expect(await readText(target)).toBe("keep me");
        const session = await storage.startUpload(ctx, target, 3, { overwrite: true });
        await storage.appendUpload(ctx, session.id, 0, bodyOf("new"), 3);
        await storage.completeUpload(ctx, session.id);
        expect(await readText(target)).toBe("new");
      });
    });

    describe("move, rename and copy", () => {
      it("renames a file in place, keeping its id and content", async () => {
        const folder = await freshFolder();
        const before = await put(inside(folder, "brouillon.txt"), "texte");
        const after = await storage.move(ctx, inside(folder, "brouillon.txt"), inside(folder, "final.txt"));
        expect(after).toMatchObject({ id: before.id, name: "final.txt", path: `${folder}/final.txt` });
        await rejectsWith(storage.stat(ctx, inside(folder, "brouillon.txt")), "NOT_FOUND");
        expect(await readText(inside(folder, "final.txt"))).toBe("texte");
      });

      it("moves a folder with everything inside it", async () => {
        const folder = await freshFolder();
        await storage.createFolder(ctx, inside(folder, "A"));
        await storage.createFolder(ctx, inside(folder, "A/B"));
        await put(inside(folder, "A/B/c.txt"), "c");
        await storage.createFolder(ctx, inside(folder, "Z"));
        await storage.move(ctx, inside(folder, "A"), inside(folder, "Z/A2"));
        expect(await readText(inside(folder, "Z/A2/B/c.txt"))).toBe("c");
        expect((await storage.list(ctx, inside(folder, "Z/A2/B"))).map((entry) => entry.path)).toEqual([
          `${folder}/Z/A2/B/c.txt`,
        ]);
        await rejectsWith(storage.stat(ctx, inside(folder, "A")), "NOT_FOUND");
        await rejectsWith(storage.stat(ctx, inside(folder, "A/B/c.txt")), "NOT_FOUND");
      });

      it("applies the overwrite rule to moves", async () => {
        const folder = await freshFolder();
        await put(inside(folder, "a.txt"), "a");
        await put(inside(folder, "b.txt"), "b");
        await rejectsWith(storage.move(ctx, inside(folder, "a.txt"), inside(folder, "b.txt")), "CONFLICT");
        expect(await readText(inside(folder, "b.txt"))).toBe("b");
        await storage.move(ctx, inside(folder, "a.txt"), inside(folder, "b.txt"), { overwrite: true });
        expect(await readText(inside(folder, "b.txt"))).toBe("a");
        await rejectsWith(storage.stat(ctx, inside(folder, "a.txt")), "NOT_FOUND");
      });

      it("refuses moving a folder into itself, moving what is not there, and moving into a missing folder", async () => {
        const folder = await freshFolder();
        await storage.createFolder(ctx, inside(folder, "X"));
        await rejectsWith(storage.move(ctx, inside(folder, "X"), inside(folder, "X/Y")), [
          "BAD_REQUEST",
          "CONFLICT",
          "FORBIDDEN",
        ]);
        await rejectsWith(storage.move(ctx, inside(folder, "nothing"), inside(folder, "y")), "NOT_FOUND");
        await put(inside(folder, "f.txt"), "f");
        await rejectsWith(storage.move(ctx, inside(folder, "f.txt"), inside(folder, "missing/f.txt")), [
          "NOT_FOUND",
          "CONFLICT",
        ]);
      });

      it("copies files and folders, the copy independent of the original", async () => {
        const folder = await freshFolder();
        const original = await put(inside(folder, "o.txt"), "original");
        const copy = await storage.copy(ctx, inside(folder, "o.txt"), inside(folder, "c.txt"));
        expect(copy.id).not.toBe(original.id);
        expect(await readText(inside(folder, "c.txt"))).toBe("original");
        await put(inside(folder, "c.txt"), "changed", true);
        expect(await readText(inside(folder, "o.txt"))).toBe("original");

        await storage.createFolder(ctx, inside(folder, "D"));
        await put(inside(folder, "D/inner.txt"), "inner");
        await storage.copy(ctx, inside(folder, "D"), inside(folder, "D copy"));
        expect(await readText(inside(folder, "D copy/inner.txt"))).toBe("inner");
        expect(await readText(inside(folder, "D/inner.txt"))).toBe("inner");

        await rejectsWith(storage.copy(ctx, inside(folder, "o.txt"), inside(folder, "c.txt")), "CONFLICT");
        await storage.copy(ctx, inside(folder, "o.txt"), inside(folder, "c.txt"), { overwrite: true });
        expect(await readText(inside(folder, "c.txt"))).toBe("original");
        await rejectsWith(storage.copy(ctx, inside(folder, "D"), inside(folder, "D/inside")), [
          "BAD_REQUEST",
          "CONFLICT",
          "FORBIDDEN",
        ]);
      });
    });

    describe("trash", () => {
      it("deletes into the trash and restores to the original path", async () => {
        const folder = await freshFolder();
        const target = inside(folder, "à supprimer.txt");
        await put(target, "contenu");
        await storage.delete(ctx, target);
        await rejectsWith(storage.stat(ctx, target), "NOT_FOUND");
        const entry = await inTrash(target);
        expect(entry).toMatchObject({ name: "à supprimer.txt", kind: "file", size: 7 });
        const restored = await storage.restoreFromTrash(ctx, entry.id);
        expect(restored.path).toBe(target);
        expect(await readText(target)).toBe("contenu");
        expect((await storage.listTrash(ctx)).some((item) => item.id === entry.id)).toBe(false);
      });

      it("deletes and restores a folder with its content", async () => {
        const folder = await freshFolder();
        await storage.createFolder(ctx, inside(folder, "Dossier"));
        await put(inside(folder, "Dossier/a.txt"), "a");
        await storage.delete(ctx, inside(folder, "Dossier"));
        await rejectsWith(storage.stat(ctx, inside(folder, "Dossier/a.txt")), "NOT_FOUND");
        const entry = await inTrash(inside(folder, "Dossier"));
        expect(entry?.kind).toBe("folder");
        await storage.restoreFromTrash(ctx, entry.id);
        expect(await readText(inside(folder, "Dossier/a.txt"))).toBe("a");
      });

      it(`restoring onto a path taken again: ${restoreIntoTakenPath}`, async () => {
        const folder = await freshFolder();
        const target = inside(folder, "doublon.txt");
        await put(target, "old");
        await storage.delete(ctx, target);
        await put(target, "new");
        const entry = await inTrash(target);
        if (restoreIntoTakenPath === "conflict") {
          await rejectsWith(storage.restoreFromTrash(ctx, entry.id), "CONFLICT");
          expect((await storage.listTrash(ctx)).some((item) => item.id === entry.id)).toBe(true);
        } else {
          const restored = await storage.restoreFromTrash(ctx, entry.id);
          expect(restored.path).not.toBe(target);
          expect(await readText(restored.path)).toBe("old");
        }
        expect(await readText(target)).toBe("new");
      });

      it("purges for good; unknown trash ids are NOT_FOUND", async () => {
        const folder = await freshFolder();
        const target = inside(folder, "purge.txt");
        await put(target, "bye");
        await storage.delete(ctx, target);
        const entry = await inTrash(target);
        await storage.purgeFromTrash(ctx, entry.id);
        expect((await storage.listTrash(ctx)).some((item) => item.id === entry.id)).toBe(false);
        await rejectsWith(storage.restoreFromTrash(ctx, entry.id), "NOT_FOUND");
        await rejectsWith(storage.purgeFromTrash(ctx, entry.id), "NOT_FOUND");
        await rejectsWith(storage.delete(ctx, inside(folder, "never-existed.txt")), "NOT_FOUND");
      });
    });

    describe("versions", () => {
      async function threeVersions(target: UserPath): Promise<void> {
        await put(target, "v1");
        await sleep(versionSpacingMs);
        await put(target, "v2", true);
        await sleep(versionSpacingMs);
        await put(target, "v3", true);
      }

      it("keeps replaced contents, newest first, readable", async () => {
        const folder = await freshFolder();
        const target = inside(folder, "versions.txt");
        await threeVersions(target);
        const versions = await storage.listVersions(ctx, target);
        const contents = await Promise.all(
          versions.map(async (version) => text(await storage.readVersion(ctx, target, version.id))),
        );
        expect(contents.filter((content) => content !== "v3")).toEqual(["v2", "v1"]);
        for (const version of versions) expect(Number.isNaN(Date.parse(version.lastModified))).toBe(false);
        await rejectsWith(storage.readVersion(ctx, target, "00000000-0000-4000-8000-000000000000"), "NOT_FOUND");
      });

      it("restores a version; the replaced content becomes a version in turn", async () => {
        const folder = await freshFolder();
        const target = inside(folder, "restore.txt");
        await threeVersions(target);
        await sleep(versionSpacingMs);
        const before = await storage.stat(ctx, target);
        const oldest = present((await storage.listVersions(ctx, target)).at(-1), "the oldest version");
        const restored = await storage.restoreVersion(ctx, target, oldest.id);
        expect(restored.etag).not.toBe(before.etag);
        expect(await readText(target)).toBe("v1");
        const contents = await Promise.all(
          (await storage.listVersions(ctx, target)).map(async (version) =>
            text(await storage.readVersion(ctx, target, version.id)),
          ),
        );
        expect(contents).toContain("v3");
      });

      it("keeps versions across a rename", async () => {
        const folder = await freshFolder();
        await threeVersions(inside(folder, "before.txt"));
        const count = (await storage.listVersions(ctx, inside(folder, "before.txt"))).length;
        await storage.move(ctx, inside(folder, "before.txt"), inside(folder, "after.txt"));
        expect(await storage.listVersions(ctx, inside(folder, "after.txt"))).toHaveLength(count);
      });
    });

    describe("favourites, recent, search, previews", () => {
      it("marks and unmarks favourites", async () => {
        const folder = await freshFolder();
        const target = inside(folder, "favori.txt");
        await put(target, "★");
        await storage.setFavourite(ctx, target, true);
        expect((await storage.stat(ctx, target)).favourite).toBe(true);
        expect((await storage.listFavourites(ctx)).some((entry) => entry.path === target)).toBe(true);
        await storage.setFavourite(ctx, target, false);
        expect((await storage.listFavourites(ctx)).some((entry) => entry.path === target)).toBe(false);
        await rejectsWith(storage.setFavourite(ctx, inside(folder, "missing.txt"), true), "NOT_FOUND");
      });

      it("lists recently modified files, newest first, without folders", async () => {
        const folder = await freshFolder();
        await put(inside(folder, "older.txt"), "1");
        await sleep(Math.max(versionSpacingMs, 20));
        await put(inside(folder, "newer.txt"), "2");
        const recent = await storage.listRecent(ctx, 2);
        expect(recent.map((entry) => entry.path)).toEqual([inside(folder, "newer.txt"), inside(folder, "older.txt")]);
        expect((await storage.listRecent(ctx, 50)).every((entry) => entry.kind === "file")).toBe(true);
      });

      it(`searches names case-insensitively${searchIgnoresAccents ? " and without accents" : ""}`, async () => {
        const folder = await freshFolder();
        const tag = randomBytes(3).toString("hex");
        await put(inside(folder, `Réunion Été ${tag}.txt`), "x");
        await storage.createFolder(ctx, inside(folder, `Dossier ${tag}`));
        const found = async (query: string) => (await storage.search(ctx, query, 20)).map((entry) => entry.name);
        expect(await found(`RÉUNION ÉTÉ ${tag}`)).toEqual([`Réunion Été ${tag}.txt`]);
        if (searchIgnoresAccents) expect(await found(`reunion ete ${tag}`)).toEqual([`Réunion Été ${tag}.txt`]);
        expect(await found(`dossier ${tag}`)).toEqual([`Dossier ${tag}`]);
        expect(await found(`absent-${tag}`)).toEqual([]);
        expect(await found(`%${tag}`)).toEqual([]);
        expect((await storage.search(ctx, tag, 1)).length).toBe(1);
      });

      it("previews a small image and not a folder", async () => {
        const folder = await freshFolder();
        await put(inside(folder, "pixel.png"), PNG_1X1);
        expect((await storage.stat(ctx, inside(folder, "pixel.png"))).hasPreview).toBe(true);
        const preview = await storage.preview(ctx, inside(folder, "pixel.png"), { width: 64, height: 64 });
        expect(preview?.contentType).toMatch(/^image\//);
        expect((await buffer(present(preview, "a preview"))).length).toBeGreaterThan(0);
        expect(await storage.preview(ctx, folder, { width: 64, height: 64 })).toBeNull();
      });
    });

    describe("share links", () => {
      it("creates, lists, opens and revokes a read link on a file", async () => {
        const folder = await freshFolder();
        const target = inside(folder, "partagé.txt");
        await put(target, "public");
        const link = await storage.createShareLink(ctx, target, { access: "read" });
        expect(link).toMatchObject({ path: target, access: "read", hasPassword: false, expiresOn: null });
        expect(link.url.endsWith(`/s/${link.token}`)).toBe(true);
        expect((await storage.listShareLinks(ctx, target)).map((item) => item.id)).toEqual([link.id]);
        expect((await storage.listShareLinks(ctx)).some((item) => item.id === link.id)).toBe(true);

        const share = await storage.openShareLink(link.token, undefined);
        expect(share.access).toBe("read");
        expect(share.root).toMatchObject({ path: "/", kind: "file", name: "partagé.txt" });
        expect(await text(await share.read(p("/")))).toBe("public");
        expect(await text(await share.read(p("/"), { start: 1, end: 3 }))).toBe("ubl");
        await rejectsWith(share.write(p("/x.txt"), bodyOf("x"), { size: 1 }), ["FORBIDDEN", "BAD_REQUEST"]);

        await storage.revokeShareLink(ctx, link.id);
        await rejectsWith(storage.openShareLink(link.token, undefined), "NOT_FOUND");
        await rejectsWith(share.read(p("/")), "NOT_FOUND");
        expect((await storage.listShareLinks(ctx, target)).length).toBe(0);
        await rejectsWith(storage.revokeShareLink(ctx, link.id), "NOT_FOUND");
      });

      it("opens a folder link: lists and reads below it, relative paths only", async () => {
        const folder = await freshFolder();
        await storage.createFolder(ctx, inside(folder, "Public"));
        await storage.createFolder(ctx, inside(folder, "Public/Sub"));
        await put(inside(folder, "Public/Sub/doc.txt"), "doc");
        await put(inside(folder, "secret.txt"), "secret");
        const link = await storage.createShareLink(ctx, inside(folder, "Public"), { access: "read" });
        const share = await storage.openShareLink(link.token, undefined);
        expect(share.root).toMatchObject({ path: "/", kind: "folder" });
        expect((await share.list(p("/"))).map((entry) => entry.path)).toEqual(["/Sub"]);
        expect((await share.list(p("/Sub"))).map((entry) => entry.path)).toEqual(["/Sub/doc.txt"]);
        expect(await text(await share.read(p("/Sub/doc.txt")))).toBe("doc");
        await rejectsWith(share.read(p("/secret.txt")), "NOT_FOUND");
        await rejectsWith(share.read("/../secret.txt" as UserPath), ["NOT_FOUND", "BAD_REQUEST"]);
        // The link follows the folder when it is renamed.
        await storage.move(ctx, inside(folder, "Public"), inside(folder, "Public renamed"));
        expect(await text(await share.read(p("/Sub/doc.txt")))).toBe("doc");
        expect((await storage.listShareLinks(ctx))?.find((item) => item.id === link.id)?.path).toBe(
          inside(folder, "Public renamed"),
        );
      });

      it("asks for the password of a protected link", async () => {
        const folder = await freshFolder();
        const target = inside(folder, "protégé.txt");
        await put(target, "caché");
        const password = "Corr3ct-Horse-Battery-Staple!";
        const link = await storage.createShareLink(ctx, target, { access: "read", password });
        expect(link.hasPassword).toBe(true);
        await rejectsWith(storage.openShareLink(link.token, undefined), "UNAUTHENTICATED");
        await rejectsWith(storage.openShareLink(link.token, "wrong password"), "UNAUTHENTICATED");
        const share = await storage.openShareLink(link.token, password);
        expect(await text(await share.read(p("/")))).toBe("caché");
      }, 30_000);

      it("takes uploads through an upload link without revealing or overwriting anything", async () => {
        const folder = await freshFolder();
        const drop = inside(folder, "Dépôt");
        await storage.createFolder(ctx, drop);
        await put(inside(folder, "Dépôt/existant.txt"), "owner's");
        await rejectsWith(
          storage.createShareLink(ctx, inside(folder, "Dépôt/existant.txt"), { access: "upload" }),
          "BAD_REQUEST",
        );
        const link = await storage.createShareLink(ctx, drop, { access: "upload" });
        const share = await storage.openShareLink(link.token, undefined);
        expect(share.access).toBe("upload");
        await rejectsWith(share.list(p("/")), ["FORBIDDEN", "NOT_FOUND"]);
        await rejectsWith(share.read(p("/existant.txt")), ["FORBIDDEN", "NOT_FOUND"]);
        await share.write(p("/résultats.pdf"), bodyOf("%PDF-1.7"), { size: 8 });
        expect(await readText(inside(folder, "Dépôt/résultats.pdf"))).toBe("%PDF-1.7");
        const second = await share.write(p("/existant.txt"), bodyOf("visitor's"), { size: 9 });
        if (dropReportsStoredName) expect(second.name).not.toBe("existant.txt");
        expect(await readText(inside(folder, "Dépôt/existant.txt"))).toBe("owner's");
      });

      it("refuses unknown, malformed and trashed-item tokens alike (NOT_FOUND)", async () => {
        await rejectsWith(storage.openShareLink("AAAAAAAAAAAAAAAAAAAAAA", undefined), "NOT_FOUND");
        await rejectsWith(storage.openShareLink("../../etc/passwd", undefined), "NOT_FOUND");
        await rejectsWith(storage.openShareLink("", undefined), "NOT_FOUND");
        const folder = await freshFolder();
        const target = inside(folder, "trashed.txt");
        await put(target, "x");
        const link = await storage.createShareLink(ctx, target, { access: "read" });
        await storage.delete(ctx, target);
        await rejectsWith(storage.openShareLink(link.token, undefined), "NOT_FOUND");
      });

      it("refuses an expiry date in the past and stops an expired link", async (test) => {
        const folder = await freshFolder();
        const target = inside(folder, "expire.txt");
        await put(target, "x");
        await rejectsWith(
          storage.createShareLink(ctx, target, { access: "read", expiresOn: "2001-01-01" }),
          "BAD_REQUEST",
        );
        await rejectsWith(
          storage.createShareLink(ctx, target, { access: "read", expiresOn: "2030-02-30" }),
          "BAD_REQUEST",
        );
        const nextYear = `${new Date().getUTCFullYear() + 1}-06-30`;
        const link = await storage.createShareLink(ctx, target, { access: "read", expiresOn: nextYear });
        expect(link.expiresOn).toBe(nextYear);
        await storage.openShareLink(link.token, undefined);
        if (!env.expireShareLink) return test.skip("this adapter's setup has no expireShareLink hook");
        await env.expireShareLink(link.id);
        await rejectsWith(storage.openShareLink(link.token, undefined), "NOT_FOUND");
      });
    });

    describe("traversal and isolation", () => {
      it("refuses paths that were not validated, without touching anything outside", async () => {
        const raw = ["/../outside.txt", "/a/../../outside.txt", "/%2e%2e/outside.txt"] as UserPath[];
        for (const target of raw) {
          await expect(storage.stat(ctx, target)).rejects.toBeDefined();
          await expect(storage.read(ctx, target)).rejects.toBeDefined();
          await expect(storage.list(ctx, target)).rejects.toBeDefined();
          await expect(storage.write(ctx, target, bodyOf("x"), { size: 1 })).rejects.toBeDefined();
          await expect(storage.createFolder(ctx, target)).rejects.toBeDefined();
        }
      });

      it("keeps each user's files, uploads, trash and links to themselves", async (test) => {
        const other = env.otherContext;
        if (!other) return test.skip("this adapter's setup has no second user");
        const folder = await freshFolder();
        const target = inside(folder, "mine.txt");
        await put(target, "mine");
        await rejectsWith(storage.stat(other, target), "NOT_FOUND");
        await rejectsWith(storage.read(other, target), "NOT_FOUND");
        await rejectsWith(storage.statById(other, (await storage.stat(ctx, target)).id), "NOT_FOUND");
        const session = await storage.startUpload(ctx, inside(folder, "up.bin"), 1);
        await rejectsWith(storage.getUpload(other, session.id), "NOT_FOUND");
        await rejectsWith(storage.appendUpload(other, session.id, 0, bodyOf("x"), 1), "NOT_FOUND");
        await rejectsWith(storage.cancelUpload(other, session.id), "NOT_FOUND");
        await storage.cancelUpload(ctx, session.id);
        const link = await storage.createShareLink(ctx, target, { access: "read" });
        await rejectsWith(storage.revokeShareLink(other, link.id), "NOT_FOUND");
        expect((await storage.listShareLinks(other)).some((item) => item.id === link.id)).toBe(false);
        await storage.delete(ctx, target);
        const entry = await inTrash(target);
        expect((await storage.listTrash(other)).some((item) => item.id === entry.id)).toBe(false);
        await rejectsWith(storage.restoreFromTrash(other, entry.id), "NOT_FOUND");
        await rejectsWith(storage.purgeFromTrash(other, entry.id), "NOT_FOUND");
      });
    });
  });
}
