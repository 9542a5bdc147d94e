// The WOPI conformance suite, written from the WOPI host specification
// (https://learn.microsoft.com/microsoft-365/cloud-storage-partner-program/rest/): every operation,
// every lock transition, every status code, the name rules of PutRelativeFile and RenameFile,
// proof keys with real RSA keys, and the bad inputs an attacker would try. It talks to the host
// only over HTTP, through the WOPI client double (which signs each call as a real client does).
//
// Run by conformance.db.test.ts on the local adapter (both database engines, every test) and by
// conformance-nextcloud.db.test.ts on the Nextcloud adapter (the main paths: `mainPathsOnly`).
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWopiFixture, type WopiFixture, type WopiFixtureOptions } from "@/server/office/wopi/wopi-test-fixture";
import { encodeUtf7 } from "@/integrations/wopi/utf7";

const MINUTE = 60 * 1000;

export function describeWopiConformance(
  name: string,
  fixtureOptions: () => WopiFixtureOptions,
  options: { mainPathsOnly?: boolean } = {},
): void {
  const full = !options.mainPathsOnly;
  const fullIt = full ? it : it.skip;

  describe(`WOPI host conformance: ${name}`, () => {
    let f: WopiFixture;
    let count = 0;
    beforeAll(async () => {
      f = await startWopiFixture(fixtureOptions());
    }, 120_000);
    afterAll(async () => {
      await f?.close();
    }, 60_000);

    /** A fresh file of Alice's with an edit token. */
    async function freshFile(content: string | Buffer = "contenu initial", extension = "docx") {
      count += 1;
      const file = await f.put(f.alice, `/wopi-${count}-${Date.now()}/Compte rendu ${count}.${extension}`, content);
      return { file, token: await f.token(f.alice, file.id) };
    }
    const lockWith = (id: string, token: string, lock: string, extra: Record<string, string> = {}) =>
      f.call(id, token, { override: "LOCK", headers: { "x-wopi-lock": lock, ...extra } });
    const checkFileInfo = async (id: string, token: string) => {
      const response = await f.call(id, token);
      expect(response.status).toBe(200);
      return (await response.json()) as Record<string, unknown>;
    };

    describe("CheckFileInfo", () => {
      it("answers the required and relied-on properties", async () => {
        const { file, token } = await freshFile("bonjour");
        const info = await checkFileInfo(file.id, token);
        expect(info).toMatchObject({
          BaseFileName: file.name,
          OwnerId: f.alice.id,
          Size: 7,
          UserId: f.alice.id,
          UserFriendlyName: "Alice Martin",
          Version: file.etag,
          UserCanWrite: true,
          ReadOnly: false,
          UserCanRename: true,
          UserCanNotWriteRelative: false,
          SupportsLocks: true,
          SupportsGetLock: true,
          SupportsExtendedLockLength: true,
          SupportsUpdate: true,
          SupportsRename: true,
          SupportsDeleteFile: true,
          SupportsUserInfo: true,
          FileExtension: ".docx",
          PostMessageOrigin: "https://portail.hopital.test",
          LastModifiedTime: file.lastModified,
          HostEditUrl: `https://portail.hopital.test/office/${file.id}`,
        });
        expect(typeof info.Version).toBe("string");
        expect(String(info.CloseUrl)).toMatch(/^https:\/\/portail\.hopital\.test\/files\?path=/);
      });

      it("says read-only for a view token, and the token in an Authorization header works too", async () => {
        const { file } = await freshFile();
        const viewToken = await f.token(f.alice, file.id, "view");
        const response = await f.call(file.id, viewToken, { tokenInHeader: true });
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({
          UserCanWrite: false,
          ReadOnly: true,
          UserCanNotWriteRelative: true,
        });
      });
    });

    describe("GetFile and PutFile", () => {
      it("streams the file out with X-WOPI-ItemVersion equal to Version", async () => {
        const { file, token } = await freshFile("le contenu du fichier");
        const response = await f.call(file.id, token, { contents: true });
        expect(response.status).toBe(200);
        expect(await response.text()).toBe("le contenu du fichier");
        expect(response.headers.get("x-wopi-itemversion")).toBe((await checkFileInfo(file.id, token)).Version);
      });

      it("answers 412 when the file is larger than X-WOPI-MaxExpectedSize", async () => {
        const { file, token } = await freshFile("0123456789");
        expect(
          (await f.call(file.id, token, { contents: true, headers: { "x-wopi-maxexpectedsize": "5" } })).status,
        ).toBe(412);
        expect(
          (await f.call(file.id, token, { contents: true, headers: { "x-wopi-maxexpectedsize": "10" } })).status,
        ).toBe(200);
      });

      it("saves under the lock: new content, a new ItemVersion that CheckFileInfo then reports", async () => {
        const { file, token } = await freshFile("avant");
        expect((await lockWith(file.id, token, "L1")).status).toBe(200);
        const put = await f.call(file.id, token, {
          contents: true,
          override: "PUT",
          headers: { "x-wopi-lock": "L1" },
          body: "après",
        });
        expect(put.status).toBe(200);
        const version = put.headers.get("x-wopi-itemversion");
        expect(version).toBeTruthy();
        expect(version).not.toBe(file.etag);
        const info = await checkFileInfo(file.id, token);
        expect(info.Version).toBe(version);
        expect(info.Size).toBe(Buffer.byteLength("après"));
        expect((await put.json()) as unknown).toEqual({ LastModifiedTime: info.LastModifiedTime });
        expect(await (await f.call(file.id, token, { contents: true })).text()).toBe("après");
      });

      it("refuses a save with another lock id (409 + current lock) and leaves the file alone", async () => {
        const { file, token } = await freshFile("original");
        await lockWith(file.id, token, "mine");
        const put = await f.call(file.id, token, {
          contents: true,
          override: "PUT",
          headers: { "x-wopi-lock": "theirs" },
          body: "x",
        });
        expect(put.status).toBe(409);
        expect(put.headers.get("x-wopi-lock")).toBe("mine");
        expect(await (await f.call(file.id, token, { contents: true })).text()).toBe("original");
      });

      it('refuses an unlocked save on a non-empty file with X-WOPI-Lock: ""; allows it on an empty file', async () => {
        const { file, token } = await freshFile("non vide");
        const put = await f.call(file.id, token, { contents: true, override: "PUT", body: "x" });
        expect(put.status).toBe(409);
        expect(put.headers.get("x-wopi-lock")).toBe("");
        const empty = await freshFile("");
        const first = await f.call(empty.file.id, empty.token, {
          contents: true,
          override: "PUT",
          body: "premier contenu",
        });
        expect(first.status).toBe(200);
        expect(await (await f.call(empty.file.id, empty.token, { contents: true })).text()).toBe("premier contenu");
      });

      fullIt(
        "refuses a save above FILES_MAX_UPLOAD_BYTES with 413, declared or streamed, and keeps the file",
        async () => {
          const { file, token } = await freshFile("");
          const oversize = Buffer.alloc(f.maxUploadBytes + 1, 0x61);
          const declared = await f.call(file.id, token, { contents: true, override: "PUT", body: oversize });
          expect(declared.status).toBe(413);
          // Without Content-Length (chunked): refused as soon as the limit is passed.
          const streamed = await f.call(file.id, token, {
            contents: true,
            override: "PUT",
            body: Readable.from(
              (function* () {
                for (let i = 0; i <= f.maxUploadBytes / 65536; i += 1) yield Buffer.alloc(65536, 0x62);
              })(),
            ),
          });
          expect(streamed.status).toBe(413);
          expect((await checkFileInfo(file.id, token)).Size).toBe(0);
        },
      );

      fullIt("honours Collabora's X-COOL-WOPI-Timestamp: 409 {COOLStatusCode:1010} when the file changed", async () => {
        const { file, token } = await freshFile("v1");
        await lockWith(file.id, token, "cool");
        const seen = String((await checkFileInfo(file.id, token)).LastModifiedTime);
        await new Promise((resolve) => setTimeout(resolve, 1100));
        await f.put(f.alice, file.path, "changed elsewhere");
        const put = await f.call(file.id, token, {
          contents: true,
          override: "PUT",
          headers: { "x-wopi-lock": "cool", "x-cool-wopi-timestamp": seen },
          body: "v2",
        });
        expect(put.status).toBe(409);
        expect(await put.json()).toEqual({ COOLStatusCode: 1010 });
        const current = String((await checkFileInfo(file.id, token)).LastModifiedTime);
        const retry = await f.call(file.id, token, {
          contents: true,
          override: "PUT",
          headers: { "x-wopi-lock": "cool", "x-cool-wopi-timestamp": current },
          body: "v2",
        });
        expect(retry.status).toBe(200);
      });

      it("refuses writes with a view token (401)", async () => {
        const { file } = await freshFile("");
        const view = await f.token(f.alice, file.id, "view");
        expect((await f.call(file.id, view, { contents: true, override: "PUT", body: "x" })).status).toBe(401);
        expect((await lockWith(file.id, view, "L")).status).toBe(401);
      });
    });

    describe("locks", () => {
      it("Lock on an unlocked file, then the same id (a refresh), then another id (409 + current)", async () => {
        const { file, token } = await freshFile();
        const first = await lockWith(file.id, token, "A");
        expect(first.status).toBe(200);
        expect(first.headers.get("x-wopi-itemversion")).toBe(file.etag);
        expect((await lockWith(file.id, token, "A")).status).toBe(200);
        const other = await lockWith(file.id, token, "B");
        expect(other.status).toBe(409);
        expect(other.headers.get("x-wopi-lock")).toBe("A");
      });

      it('GetLock: the current id, or "" when unlocked', async () => {
        const { file, token } = await freshFile();
        const none = await f.call(file.id, token, { override: "GET_LOCK" });
        expect(none.status).toBe(200);
        expect(none.headers.get("x-wopi-lock")).toBe("");
        await lockWith(file.id, token, '{"S":"session","E":2,"M":"x"}');
        expect((await f.call(file.id, token, { override: "GET_LOCK" })).headers.get("x-wopi-lock")).toBe(
          '{"S":"session","E":2,"M":"x"}',
        );
      });

      it('UnlockAndRelock: matching OldLock replaces; otherwise 409 with the current lock ("" when unlocked)', async () => {
        const { file, token } = await freshFile();
        const unlocked = await lockWith(file.id, token, "new", { "x-wopi-oldlock": "old" });
        expect(unlocked.status).toBe(409);
        expect(unlocked.headers.get("x-wopi-lock")).toBe("");
        await lockWith(file.id, token, "old");
        const mismatch = await lockWith(file.id, token, "new", { "x-wopi-oldlock": "wrong" });
        expect(mismatch.status).toBe(409);
        expect(mismatch.headers.get("x-wopi-lock")).toBe("old");
        expect((await lockWith(file.id, token, "new", { "x-wopi-oldlock": "old" })).status).toBe(200);
        expect((await f.call(file.id, token, { override: "GET_LOCK" })).headers.get("x-wopi-lock")).toBe("new");
      });

      it('RefreshLock: 409 with "" when unlocked, 409 with the lock on a mismatch, 200 when it matches', async () => {
        const { file, token } = await freshFile();
        const refresh = (lock: string) =>
          f.call(file.id, token, { override: "REFRESH_LOCK", headers: { "x-wopi-lock": lock } });
        const unlocked = await refresh("R");
        expect([unlocked.status, unlocked.headers.get("x-wopi-lock")]).toEqual([409, ""]);
        await lockWith(file.id, token, "R");
        const mismatch = await refresh("S");
        expect([mismatch.status, mismatch.headers.get("x-wopi-lock")]).toEqual([409, "R"]);
        expect((await refresh("R")).status).toBe(200);
      });

      it('Unlock: 409 with "" when unlocked, 409 with the lock on a mismatch, 200 and unlocked when it matches', async () => {
        const { file, token } = await freshFile();
        const unlockWith = (lock: string) =>
          f.call(file.id, token, { override: "UNLOCK", headers: { "x-wopi-lock": lock } });
        const unlocked = await unlockWith("U");
        expect([unlocked.status, unlocked.headers.get("x-wopi-lock")]).toEqual([409, ""]);
        await lockWith(file.id, token, "U");
        const mismatch = await unlockWith("V");
        expect([mismatch.status, mismatch.headers.get("x-wopi-lock")]).toEqual([409, "U"]);
        const done = await unlockWith("U");
        expect(done.status).toBe(200);
        expect(done.headers.get("x-wopi-itemversion")).toBe(file.etag);
        expect((await f.call(file.id, token, { override: "GET_LOCK" })).headers.get("x-wopi-lock")).toBe("");
      });

      fullIt("compares lock ids byte-exactly and keeps them up to 1024 characters (400 beyond, or empty)", async () => {
        const { file, token } = await freshFile();
        const long = `{"S":"${"x".repeat(1010)}"}`.padEnd(1024, "z");
        expect((await lockWith(file.id, token, long)).status).toBe(200);
        expect((await f.call(file.id, token, { override: "GET_LOCK" })).headers.get("x-wopi-lock")).toBe(long);
        expect((await lockWith(file.id, token, long.toUpperCase())).status).toBe(409);
        expect((await lockWith(file.id, token, `${long.slice(0, -1)}Z`)).status).toBe(409);
        const other = await freshFile();
        expect((await lockWith(other.file.id, other.token, "y".repeat(1025))).status).toBe(400);
        expect((await f.call(other.file.id, other.token, { override: "LOCK" })).status).toBe(400);
      });

      fullIt("a lock expires 30 minutes after Lock or RefreshLock", async () => {
        const { file, token } = await freshFile();
        await lockWith(file.id, token, "T");
        f.clock.now += 29 * MINUTE;
        expect(
          (await f.call(file.id, token, { override: "REFRESH_LOCK", headers: { "x-wopi-lock": "T" } })).status,
        ).toBe(200);
        f.clock.now += 29 * MINUTE;
        expect((await f.call(file.id, token, { override: "GET_LOCK" })).headers.get("x-wopi-lock")).toBe("T");
        f.clock.now += 2 * MINUTE;
        expect((await f.call(file.id, token, { override: "GET_LOCK" })).headers.get("x-wopi-lock")).toBe("");
        // Expired: another session may lock it.
        expect((await lockWith(file.id, token, "other")).status).toBe(200);
      });

      it("two independent hosts (processes) over one database agree on locks", async () => {
        const { file, token } = await freshFile();
        const second = await f.secondHost();
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, index) =>
            f.call(file.id, token, {
              override: "LOCK",
              headers: { "x-wopi-lock": `racer-${index}` },
              host: index % 2 ? second : f.first,
            }),
          ),
        );
        const winners = results.filter((response) => response.status === 200);
        expect(winners).toHaveLength(1);
        const holder = (await f.call(file.id, token, { override: "GET_LOCK", host: second })).headers.get(
          "x-wopi-lock",
        );
        for (const response of results.filter((item) => item.status === 409))
          expect(response.headers.get("x-wopi-lock")).toBe(holder);
        const put = await f.call(file.id, token, {
          contents: true,
          override: "PUT",
          headers: { "x-wopi-lock": String(holder) },
          body: "via 2",
          host: second,
        });
        expect(put.status).toBe(200);
        expect(await (await f.call(file.id, token, { contents: true })).text()).toBe("via 2");
      });
    });

    describe("PutRelativeFile", () => {
      const relative = (id: string, token: string, headers: Record<string, string>, body = "copie") =>
        f.call(id, token, { override: "PUT_RELATIVE", headers, body });

      it("SuggestedTarget '.ext' keeps the name with that extension; a taken name is adjusted; Url has its own token", async () => {
        const { file, token } = await freshFile("source");
        const first = await relative(file.id, token, { "x-wopi-suggestedtarget": encodeUtf7(".pdf") });
        expect(first.status).toBe(200);
        const made = (await first.json()) as { Name: string; Url: string; HostEditUrl: string };
        expect(made.Name).toBe(file.name.replace(/\.docx$/, ".pdf"));
        const url = new URL(made.Url);
        expect(url.origin).toBe(f.first.origin);
        const newId = url.pathname.split("/").pop() as string;
        const newToken = url.searchParams.get("access_token") as string;
        expect(newToken).not.toBe(token);
        expect(await (await f.call(newId, newToken, { contents: true })).text()).toBe("copie");
        expect(made.HostEditUrl).toBe(`https://portail.hopital.test/office/${newId}`);
        const second = await relative(file.id, token, { "x-wopi-suggestedtarget": encodeUtf7(".pdf") });
        expect(((await second.json()) as { Name: string }).Name).toBe(file.name.replace(/\.docx$/, " (2).pdf"));
      });

      fullIt("SuggestedTarget: a full UTF-7 name, made valid when it is not", async () => {
        const { file, token } = await freshFile();
        const accented = await relative(file.id, token, { "x-wopi-suggestedtarget": encodeUtf7("Lettre été.odt") });
        expect(((await accented.json()) as { Name: string }).Name).toBe("Lettre été.odt");
        const bad = await relative(file.id, token, { "x-wopi-suggestedtarget": encodeUtf7("a/b\\c.docx") });
        expect(bad.status).toBe(200);
        expect(((await bad.json()) as { Name: string }).Name).toBe("a_b_c.docx");
      });

      it("RelativeTarget: exact name; taken → 409 + ValidRelativeTarget unless overwrite; locked target → 409 + lock", async () => {
        const { file, token } = await freshFile();
        const made = await relative(file.id, token, { "x-wopi-relativetarget": encodeUtf7("Exact.docx") });
        expect(made.status).toBe(200);
        const taken = await relative(file.id, token, { "x-wopi-relativetarget": encodeUtf7("Exact.docx") });
        expect(taken.status).toBe(409);
        expect(taken.headers.get("x-wopi-validrelativetarget")).toBe("Exact (2).docx");
        const overwritten = await relative(
          file.id,
          token,
          { "x-wopi-relativetarget": encodeUtf7("Exact.docx"), "x-wopi-overwriterelativetarget": "true" },
          "remplacé",
        );
        expect(overwritten.status).toBe(200);
        const target = new URL(((await overwritten.json()) as { Url: string }).Url);
        const targetId = target.pathname.split("/").pop() as string;
        const targetToken = target.searchParams.get("access_token") as string;
        expect(await (await f.call(targetId, targetToken, { contents: true })).text()).toBe("remplacé");
        await lockWith(targetId, targetToken, "held");
        const locked = await relative(file.id, token, {
          "x-wopi-relativetarget": encodeUtf7("Exact.docx"),
          "x-wopi-overwriterelativetarget": "true",
        });
        expect(locked.status).toBe(409);
        expect(locked.headers.get("x-wopi-lock")).toBe("held");
      });

      fullIt(
        "refuses both headers or none (400), an invalid RelativeTarget (400 + X-WOPI-InvalidFileNameError), and a view token (501)",
        async () => {
          const { file, token } = await freshFile();
          expect(
            (await relative(file.id, token, { "x-wopi-suggestedtarget": ".pdf", "x-wopi-relativetarget": "a.pdf" }))
              .status,
          ).toBe(400);
          expect((await relative(file.id, token, {})).status).toBe(400);
          const invalid = await relative(file.id, token, { "x-wopi-relativetarget": "../evil.docx" });
          expect(invalid.status).toBe(400);
          expect(invalid.headers.get("x-wopi-invalidfilenameerror")).toBeTruthy();
          const view = await f.token(f.alice, file.id, "view");
          expect((await relative(file.id, view, { "x-wopi-suggestedtarget": ".pdf" })).status).toBe(501);
        },
      );
    });

    describe("RenameFile, DeleteFile, PutUserInfo", () => {
      it("renames without touching the extension; the id stays; invalid names → 400 + X-WOPI-InvalidFileNameError", async () => {
        const { file, token } = await freshFile();
        const renamed = await f.call(file.id, token, {
          override: "RENAME_FILE",
          headers: { "x-wopi-requestedname": encodeUtf7("Synthèse finale") },
        });
        expect(renamed.status).toBe(200);
        expect(await renamed.json()).toEqual({ Name: "Synthèse finale" });
        expect((await checkFileInfo(file.id, token)).BaseFileName).toBe("Synthèse finale.docx");
        const invalid = await f.call(file.id, token, {
          override: "RENAME_FILE",
          headers: { "x-wopi-requestedname": "a/b" },
        });
        expect(invalid.status).toBe(400);
        expect(invalid.headers.get("x-wopi-invalidfilenameerror")).toBeTruthy();
      });

      fullIt(
        "rename: locked by another id → 409 + lock; with the lock → allowed; a taken name is adjusted",
        async () => {
          const { file, token } = await freshFile();
          await f.put(f.alice, file.path.replace(/[^/]+$/, "Pris.docx"), "x");
          await lockWith(file.id, token, "K");
          const refused = await f.call(file.id, token, {
            override: "RENAME_FILE",
            headers: { "x-wopi-requestedname": "Pris", "x-wopi-lock": "other" },
          });
          expect([refused.status, refused.headers.get("x-wopi-lock")]).toEqual([409, "K"]);
          const done = await f.call(file.id, token, {
            override: "RENAME_FILE",
            headers: { "x-wopi-requestedname": "Pris", "x-wopi-lock": "K" },
          });
          expect(await done.json()).toEqual({ Name: "Pris (2)" });
        },
      );

      it("deletes into the trash; a locked file → 409 + lock", async () => {
        const { file, token } = await freshFile();
        await lockWith(file.id, token, "D");
        const refused = await f.call(file.id, token, { override: "DELETE" });
        expect([refused.status, refused.headers.get("x-wopi-lock")]).toEqual([409, "D"]);
        await f.call(file.id, token, { override: "UNLOCK", headers: { "x-wopi-lock": "D" } });
        expect((await f.call(file.id, token, { override: "DELETE" })).status).toBe(200);
        expect((await f.call(file.id, token)).status).toBe(404);
        expect((await f.storage.listTrash({ user: f.alice })).some((entry) => entry.name === file.name)).toBe(true);
      });

      it("PutUserInfo round-trips through CheckFileInfo's UserInfo, per user; more than 1024 characters → 400", async () => {
        const { file, token } = await freshFile();
        const info = JSON.stringify({ onboarded: true, theme: "sombre" });
        expect((await f.call(file.id, token, { override: "PUT_USER_INFO", body: info })).status).toBe(200);
        expect((await checkFileInfo(file.id, token)).UserInfo).toBe(info);
        const other = await f.put(f.bruno, `/b-${Date.now()}/note.docx`, "x");
        expect((await checkFileInfo(other.id, await f.token(f.bruno, other.id))).UserInfo).toBe("");
        expect((await f.call(file.id, token, { override: "PUT_USER_INFO", body: "é".repeat(1025) })).status).toBe(400);
      });
    });

    describe("requests that must be refused", () => {
      it("unknown overrides → 501; missing override → 400; other methods → 405", async () => {
        const { file, token } = await freshFile();
        expect((await f.call(file.id, token, { override: "GET_SHARE_URL" })).status).toBe(501);
        expect((await f.call(file.id, token, { override: "COBALT" })).status).toBe(501);
        expect((await f.call(file.id, token, { contents: true, override: "LOCK" })).status).toBe(501);
        expect((await f.call(file.id, token, { method: "POST" })).status).toBe(400);
      });

      it("tokens: another file's → 404; another user's, expired, revoked, forged or missing → 401", async () => {
        const { file, token } = await freshFile();
        const other = await freshFile();
        expect((await f.call(file.id, other.token)).status).toBe(404);
        const brunosFile = await f.put(f.bruno, `/b-${Date.now()}/secret.docx`, "secret");
        // Alice's valid token, for Bruno's file id: the file is not hers.
        expect((await f.call(brunosFile.id, await f.token(f.alice, brunosFile.id))).status).toBe(404);
        const expiring = await f.token(f.alice, file.id);
        f.clock.now += 11 * 60 * MINUTE;
        expect((await f.call(file.id, expiring)).status).toBe(401);
        const revoked = await f.token(f.alice, file.id);
        expect((await f.call(file.id, revoked)).status).toBe(200);
        await f.tokens.revoke({ userId: f.alice.id, fileId: file.id });
        expect((await f.call(file.id, revoked)).status).toBe(401);
        const [header, payload] = token.split(".");
        expect((await f.call(file.id, `${header}.${payload}.${"A".repeat(43)}`)).status).toBe(401);
        expect((await f.call(file.id, "")).status).toBe(401);
      });

      it("a path that does not hold a file id → 404, without touching the storage", async () => {
        const { token } = await freshFile();
        for (const id of ["..%2F..%2Fetc", "a%20b", "x".repeat(200), "%00"])
          expect((await f.call(id, token)).status).toBe(404);
        expect((await f.call("00000000-0000-4000-8000-000000000000", token)).status).toBe(404);
      });

      it("access tokens are URL-safe (no % + / =) and access_token_ttl is an absolute time in ms", async () => {
        const { file } = await freshFile();
        const issued = await f.tokens.issue({
          userId: f.alice.id,
          sessionId: f.alice.sessionId,
          fileId: file.id,
          permission: "edit",
        });
        expect(issued.token).toMatch(/^[A-Za-z0-9_.-]+$/);
        expect(issued.expiresAt).toBeGreaterThan(f.clock.now);
        expect(issued.expiresAt).toBeLessThanOrEqual(f.clock.now + 10 * 3600 * 1000);
      });
    });

    describe("proof keys (the double signs with real RSA keys)", () => {
      it("accepts Proof with the current key; refuses a wrong key, a stale timestamp, no signature (500 + reason)", async () => {
        const { file, token } = await freshFile();
        expect((await f.call(file.id, token, { signing: "valid" })).status).toBe(200);
        for (const signing of ["wrong-key", "stale", "unsigned", "old-key-only-in-proofold"] as const) {
          const refused = await f.call(file.id, token, { signing });
          expect(refused.status, signing).toBe(500);
          expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/proof/i);
        }
      });

      fullIt(
        "after a key rotation: refetches discovery once and accepts the new key; old-key proofs stay valid",
        async () => {
          const { file, token } = await freshFile();
          expect((await f.call(file.id, token)).status).toBe(200);
          const before = f.double.discoveryFetches();
          f.double.rotateKeys();
          // Signed with the new current key (unknown to the host's cache) and ProofOld = the previous
          // key, which the host still holds as current: accepted without a refetch.
          expect((await f.call(file.id, token)).status).toBe(200);
          // A refetch is allowed once a minute at most (a client with bad proofs cannot make the
          // host hammer its discovery URL).
          f.clock.now += 2 * MINUTE;
          f.double.rotateKeys();
          // Now neither key is known to the cached discovery: one refetch, then accepted.
          expect((await f.call(file.id, token)).status).toBe(200);
          expect(f.double.discoveryFetches()).toBe(before + 1);
        },
      );
    });
  });
}
