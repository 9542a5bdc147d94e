// Unit: the Nextcloud adapter's protocol pieces, without a server — multistatus parsing (both
// Nextcloud's and Apache's prefixes), permission letters, URL building and its refusals (no path
// tricks, no other host), hrefs outside the root, status mapping, redirects never followed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpBackend, type StubBackend } from "@/test/support/stub-backends";
import { AppError } from "@/server/errors";
import { parseMultistatus } from "@/integrations/nextcloud/dav/multistatus";
import { normaliseEtag, parsePermissions, toFileEntry } from "@/integrations/nextcloud/dav/file-props";
import { NextcloudUrls, encodePath, encodeSegment, hrefToRelative } from "@/integrations/nextcloud/http/nextcloud-urls";
import { nextcloudStatusError } from "@/integrations/nextcloud/http/status-errors";
import { NextcloudClient } from "@/integrations/nextcloud/http/nextcloud-client";

/** An answer shaped like Nextcloud's documentation examples (d:/oc:/nc: prefixes). */
const NEXTCLOUD_PROPFIND = `<?xml version="1.0"?>
<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
 <d:response>
  <d:href>/remote.php/dav/files/alice/Rapports/</d:href>
  <d:propstat><d:prop>
   <d:getlastmodified>Tue, 10 Nov 2026 09:15:00 GMT</d:getlastmodified>
   <d:getetag>&quot;6540a1b2c3d4e&quot;</d:getetag>
   <d:resourcetype><d:collection/></d:resourcetype>
   <oc:fileid>120</oc:fileid>
   <oc:permissions>RGDNVCK</oc:permissions>
   <oc:size>2048</oc:size>
   <oc:favorite>0</oc:favorite>
   <nc:has-preview>false</nc:has-preview>
  </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
  <d:propstat><d:prop><d:getcontenttype/><d:getcontentlength/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/files/alice/Rapports/Bilan%202026%20%C3%A9t%C3%A9.pdf</d:href>
  <d:propstat><d:prop>
   <d:getlastmodified>Wed, 11 Nov 2026 10:00:00 GMT</d:getlastmodified>
   <d:getetag>&quot;77aa&quot;</d:getetag>
   <d:getcontenttype>application/pdf</d:getcontenttype>
   <d:getcontentlength>2048</d:getcontentlength>
   <d:resourcetype/>
   <oc:fileid>121</oc:fileid>
   <oc:permissions>SRGDNVW</oc:permissions>
   <oc:favorite>1</oc:favorite>
   <nc:has-preview>true</nc:has-preview>
  </d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
 <d:response>
  <d:href>/remote.php/dav/files/bob/elsewhere.txt</d:href>
  <d:propstat><d:prop><oc:fileid>9</oc:fileid></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
 </d:response>
</d:multistatus>`;

describe("parseMultistatus and toFileEntry", () => {
  const responses = parseMultistatus(NEXTCLOUD_PROPFIND);
  const root = "/remote.php/dav/files/alice/";
  const response = (index: number) => {
    const found = responses[index];
    if (!found) throw new Error(`no response ${index}`);
    return found;
  };

  it("reads 200 properties by local name and ignores 404 ones", () => {
    expect(responses).toHaveLength(3);
    expect(responses[0]?.isCollection).toBe(true);
    expect(responses[0]?.props).not.toHaveProperty("getcontenttype");
    expect(responses[1]?.props).toMatchObject({ fileid: "121", permissions: "SRGDNVW", "has-preview": "true" });
  });

  it("maps a folder and a file to FileEntry (decoded path, strong ETag, ISO date)", () => {
    expect(toFileEntry(response(0), root)).toMatchObject({
      id: "120",
      path: "/Rapports",
      name: "Rapports",
      kind: "folder",
      size: 2048,
      etag: '"6540a1b2c3d4e"',
      contentType: null,
      permissions: { create: true, write: true, delete: true, rename: true, share: true },
    });
    expect(toFileEntry(response(1), root)).toMatchObject({
      id: "121",
      path: "/Rapports/Bilan 2026 été.pdf",
      kind: "file",
      size: 2048,
      lastModified: "2026-11-11T10:00:00.000Z",
      contentType: "application/pdf",
      hasPreview: true,
      favourite: true,
    });
  });

  it("drops a response outside the user's root instead of trusting it", () => {
    expect(toFileEntry(response(2), root)).toBeNull();
  });

  it("reads Apache's prefixes (D:, lp1:, ns1:) the same way", () => {
    const [entry] = parseMultistatus(`<?xml version="1.0" encoding="utf-8"?>
<D:multistatus xmlns:D="DAV:" xmlns:ns1="http://owncloud.org/ns">
<D:response xmlns:lp1="DAV:" xmlns:ns1="http://owncloud.org/ns">
<D:href>/remote.php/dav/files/alice/x.txt</D:href>
<D:propstat><D:prop><ns1:fileid>12</ns1:fileid><lp1:resourcetype/><lp1:getcontentlength>5</lp1:getcontentlength></D:prop>
<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>`);
    expect(entry).toMatchObject({ isCollection: false, props: { fileid: "12", getcontentlength: "5" } });
  });

  it("answers an empty multistatus with no entries and refuses garbage", () => {
    expect(parseMultistatus('<?xml version="1.0"?><d:multistatus xmlns:d="DAV:"/>')).toEqual([]);
    expect(() => parseMultistatus("<html><body>Internal error</body></html>")).toThrow(AppError);
  });
});

describe("permission letters", () => {
  it("gives files write from W and folders create from C/K", () => {
    expect(parsePermissions("RGDNVW", "file")).toEqual({
      read: true,
      write: true,
      create: false,
      delete: true,
      rename: true,
      share: true,
    });
    expect(parsePermissions("GDNVCK", "folder")).toMatchObject({ create: true, write: true, share: false });
  });

  it("takes a read-only share for what it is", () => {
    expect(parsePermissions("SG", "file")).toEqual({
      read: true,
      write: false,
      create: false,
      delete: false,
      rename: false,
      share: false,
    });
  });

  it("keeps ETags quoted and strong when the server sent them bare", () => {
    expect(normaliseEtag("abc")).toBe('"abc"');
    expect(normaliseEtag('"abc"')).toBe('"abc"');
    expect(normaliseEtag(undefined)).toBe('""');
  });
});

describe("URLs: only NEXTCLOUD_URL, each variable part one encoded segment", () => {
  const urls = new NextcloudUrls("https://cloud.hopital.test/nextcloud/");

  it("builds the documented paths below Nextcloud's own prefix", () => {
    expect(urls.files("alice", "/Dossier été/a#b?.txt").href).toBe(
      "https://cloud.hopital.test/nextcloud/remote.php/dav/files/alice/Dossier%20%C3%A9t%C3%A9/a%23b%3F.txt",
    );
    expect(urls.files("alice", "/", { folder: true }).pathname).toBe("/nextcloud/remote.php/dav/files/alice/");
    expect(urls.uploads("alice", "u1", "3").pathname).toBe("/nextcloud/remote.php/dav/uploads/alice/u1/3");
    expect(urls.trashRestore("alice", "a.txt.d1700000000").pathname).toBe(
      "/nextcloud/remote.php/dav/trashbin/alice/restore/a.txt.d1700000000",
    );
    expect(urls.versions("alice", "121", "1700000000").pathname).toBe(
      "/nextcloud/remote.php/dav/versions/alice/versions/121/1700000000",
    );
    expect(urls.ocs("/apps/files_sharing/api/v1/shares", { path: "/a b" }).href).toBe(
      "https://cloud.hopital.test/nextcloud/ocs/v2.php/apps/files_sharing/api/v1/shares?format=json&path=%2Fa+b",
    );
    expect(urls.preview("121", 256, 256).search).toBe("?fileId=121&x=256&y=256&a=1&forceIcon=0");
  });

  it.each(["..", ".", "", "a/b", "a\\b", "a\u0000b", "a\nb"])("refuses the segment %j", (segment) => {
    expect(() => encodeSegment(segment)).toThrow(AppError);
  });

  it.each(["/../etc/passwd", "/a/../../b", "relative", "/a/./b"])("refuses the path %j", (path) => {
    expect(() => encodePath(path)).toThrow(AppError);
  });

  it("keeps encoded look-alikes as literal names (never decoded into ..)", () => {
    expect(urls.files("alice", "/%2e%2e/x").pathname).toBe("/nextcloud/remote.php/dav/files/alice/%252e%252e/x");
  });

  it("refuses a uid or token that would change the path", () => {
    expect(() => urls.files("../bob", "/")).toThrow(AppError);
    expect(() => urls.publicFiles("a/b", "/")).toThrow(AppError);
  });

  it("refuses a NEXTCLOUD_URL with credentials, a query, or another scheme", () => {
    expect(() => new NextcloudUrls("https://admin:pw@cloud.test")).toThrow(AppError);
    expect(() => new NextcloudUrls("https://cloud.test/?x=1")).toThrow(AppError);
    expect(() => new NextcloudUrls("ftp://cloud.test")).toThrow(AppError);
  });

  it("turns hrefs back into paths only below the expected root", () => {
    const root = "/nextcloud/remote.php/dav/files/alice/";
    expect(hrefToRelative("/nextcloud/remote.php/dav/files/alice/", root)).toBe("/");
    expect(hrefToRelative("https://cloud.hopital.test/nextcloud/remote.php/dav/files/alice/a%20b/c", root)).toBe(
      "/a b/c",
    );
    expect(hrefToRelative("/nextcloud/remote.php/dav/files/alice/a/%2e%2e/..", root)).toBeNull();
    expect(hrefToRelative("/nextcloud/remote.php/dav/files/alicex/a", root)).toBeNull();
    expect(hrefToRelative("/nextcloud/remote.php/dav/files/alice/%E0%A4%A", root)).toBeNull();
  });
});

describe("status mapping", () => {
  it.each([
    [404, "read", "NOT_FOUND"],
    [409, "write", "NOT_FOUND"],
    [409, "read", "CONFLICT"],
    [412, "write", "CONFLICT"],
    [423, "write", "CONFLICT"],
    [405, "create-folder", "CONFLICT"],
    [401, "list", "NEXTCLOUD_NOT_CONNECTED"],
    [403, "delete", "FORBIDDEN"],
    [413, "write", "PAYLOAD_TOO_LARGE"],
    [507, "upload", "PAYLOAD_TOO_LARGE"],
    [416, "read", "RANGE_NOT_SATISFIABLE"],
    [429, "list", "TOO_MANY_REQUESTS"],
    [302, "read", "BACKEND_UNAVAILABLE"],
    [500, "read", "BACKEND_UNAVAILABLE"],
    [504, "read", "BACKEND_TIMEOUT"],
  ] as const)("%i during %s is %s", (status, operation, code) => {
    const error = nextcloudStatusError(status, operation);
    expect(error.code).toBe(code);
    expect(error.status).toBeLessThan(600);
  });
});

describe("the client against a misbehaving server", () => {
  let server: StubBackend;
  const hits: string[] = [];

  beforeAll(async () => {
    server = await httpBackend((req, res) => {
      hits.push(req.url ?? "");
      if (req.url?.startsWith("/redirect")) {
        res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
        res.end();
        return;
      }
      if (req.url?.startsWith("/ocs/")) {
        res.writeHead(500, { "content-type": "text/html" });
        res.end("<b>Sabre\\DAV\\Exception at /var/www/nextcloud/lib/private/Secret.php</b>");
        return;
      }
      // Never answers: the deadline must fire.
    });
  });

  afterAll(async () => {
    await server.close();
  });

  it("never follows a redirect (no open proxy, no SSRF towards metadata services)", async () => {
    const client = new NextcloudClient({ url: server.url, timeoutMs: 2000 });
    const error = await failureOf(client.expectOk("GET", client.urls.at("/redirect"), "read"));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("BACKEND_UNAVAILABLE");
    expect(hits.filter((hit) => hit.includes("meta-data"))).toEqual([]);
  });

  it("does not leak an upstream error body", async () => {
    const client = new NextcloudClient({ url: server.url, timeoutMs: 2000 });
    const error = await failureOf(client.currentUserId("Bearer x"));
    expect(error.code).toBe("BACKEND_UNAVAILABLE");
    expect(error.userMessage).not.toMatch(/Sabre|Secret|var\/www/);
  });

  it("gives up on a server that does not answer, and on an aborted call", async () => {
    const client = new NextcloudClient({ url: server.url, timeoutMs: 300 });
    const timedOut = await failureOf(client.send("GET", client.urls.at("/hang")));
    expect(timedOut.code).toBe("BACKEND_TIMEOUT");
    const controller = new AbortController();
    const pending = failureOf(
      new NextcloudClient({ url: server.url, timeoutMs: 10_000 }).send("GET", client.urls.at("/hang"), {
        signal: controller.signal,
      }),
    );
    controller.abort();
    expect((await pending).code).toBe("BACKEND_UNAVAILABLE");
  });
});

/** The AppError a call fails with (the test fails if it succeeds or fails with anything else). */
async function failureOf(call: Promise<unknown>): Promise<AppError> {
  try {
    await call;
  } catch (caught: unknown) {
    if (caught instanceof AppError) return caught;
    throw caught;
  }
  throw new Error("expected the call to fail");
}
