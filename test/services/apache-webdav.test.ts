// Integration: the Apache mod_dav test server itself — it starts from its own configuration on a
// loopback port, serves each user's Nextcloud-like path with Basic auth, keeps users apart, keeps
// dead properties across MOVE (the Nextcloud double relies on it), and is gone after stop().
// Needs Debian's apache2 + apache2-utils (`.ci/run` installs them); without them this fails and says so.
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApacheWebdav, type RunningApacheWebdav } from "@/test/services/apache-webdav";

let apache: RunningApacheWebdav;
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

beforeAll(async () => {
  apache = await startApacheWebdav([
    { name: "alice", password: "alice-secret" },
    { name: "bruno", password: "bruno-secret" },
  ]);
}, 60_000);

afterAll(async () => {
  await apache?.stop();
});

describe("startApacheWebdav", () => {
  it("listens on 127.0.0.1 and serves WebDAV at /remote.php/dav/files/<user>/", async () => {
    expect(new URL(apache.origin).hostname).toBe("127.0.0.1");
    const auth = { authorization: basic("alice", "alice-secret") };
    const put = await fetch(`${apache.origin}/remote.php/dav/files/alice/note.txt`, {
      method: "PUT",
      headers: auth,
      body: "bonjour",
    });
    expect(put.status).toBe(201);
    const get = await fetch(`${apache.origin}/remote.php/dav/files/alice/note.txt`, {
      headers: { ...auth, range: "bytes=0-2" },
    });
    expect(get.status).toBe(206);
    expect(await get.text()).toBe("bon");
  });

  it("refuses a wrong password and another user's folder", async () => {
    const wrong = await fetch(`${apache.origin}/remote.php/dav/files/alice/note.txt`, {
      headers: { authorization: basic("alice", "nope") },
    });
    expect(wrong.status).toBe(401);
    const other = await fetch(`${apache.origin}/remote.php/dav/files/alice/note.txt`, {
      headers: { authorization: basic("bruno", "bruno-secret") },
    });
    expect(other.status).toBe(401);
  });

  it("keeps dead properties on MOVE, across areas", async () => {
    const auth = { authorization: basic("alice", "alice-secret") };
    const patch = await fetch(`${apache.origin}/remote.php/dav/files/alice/note.txt`, {
      method: "PROPPATCH",
      headers: auth,
      body: '<?xml version="1.0"?><d:propertyupdate xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:set><d:prop><oc:fileid>42</oc:fileid></d:prop></d:set></d:propertyupdate>',
    });
    expect(patch.status).toBe(207);
    const move = await fetch(`${apache.origin}/remote.php/dav/files/alice/note.txt`, {
      method: "MOVE",
      headers: { ...auth, destination: `${apache.origin}${apache.urlPath("alice", "trash")}note.txt.d1` },
    });
    expect(move.status).toBe(201);
    const found = await fetch(`${apache.origin}${apache.urlPath("alice", "trash")}note.txt.d1`, {
      method: "PROPFIND",
      headers: { ...auth, depth: "0" },
      body: '<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop><oc:fileid/></d:prop></d:propfind>',
    });
    expect(await found.text()).toMatch(/<[a-z0-9]+:fileid>42</i);
  });

  it("stops: the port closes and the folder is removed", async () => {
    const folder = apache.folder("alice", "files");
    const origin = apache.origin;
    await apache.stop();
    expect(existsSync(folder)).toBe(false);
    await expect(fetch(`${origin}/`, { signal: AbortSignal.timeout(1000) })).rejects.toBeDefined();
  });
});
