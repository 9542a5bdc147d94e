/**
 * The double's public WebDAV for share links, `/public.php/dav/files/{token}/…`
 * (https://docs.nextcloud.com/server/latest/developer_manual/client_apis/WebDAV/basic.html,
 * "public shares"): the token names the share; a password-protected link wants HTTP Basic with
 * user `anonymous` and the link's password (401 otherwise). Unknown, revoked and expired tokens
 * are 404. The shared root carries `nc:share-permissions` (OCS bits: 1 read, 4 create); a link
 * with create but not read is a file drop: PUT of new files only, nothing listed or read.
 *
 * Requests are served by real Apache as the share's owner, below the shared path; hrefs in the
 * answers are rewritten to the public URL space.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { timingSafeEqual } from "node:crypto";
import { header, strongEtags, type ApacheBackend } from "@/test/doubles/nextcloud/apache-backend";
import { putWithNextcloudSemantics, sendStatus, sendXml } from "@/test/doubles/nextcloud/files-endpoint";
import { resolveShare, type OcsState } from "@/test/doubles/nextcloud/ocs-endpoints";

function passwordMatches(req: IncomingMessage, expected: string): boolean {
  const header = req.headers.authorization ?? "";
  if (!header.startsWith("Basic ")) return false;
  const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
  const given = Buffer.from(decoded.slice(decoded.indexOf(":") + 1));
  const wanted = Buffer.from(expected);
  return decoded.startsWith("anonymous:") && given.length === wanted.length && timingSafeEqual(given, wanted);
}

export async function handlePublicDav(
  backend: ApacheBackend,
  state: OcsState,
  req: IncomingMessage,
  res: ServerResponse,
  rest: string,
): Promise<void> {
  const method = req.method ?? "GET";
  const match = /^([A-Za-z0-9]+)(\/.*)?$/.exec(rest);
  const share = match ? [...state.shares.values()].find((candidate) => candidate.token === match[1]) : undefined;
  const today = new Date().toISOString().slice(0, 10);
  if (!match || !share || (share.expireDate !== null && share.expireDate < today)) {
    req.resume();
    return sendStatus(res, 404);
  }
  if (share.password !== null && !passwordMatches(req, share.password)) {
    req.resume();
    return sendStatus(res, 401, { "www-authenticate": 'Basic realm="Nextcloud", charset="UTF-8"' });
  }
  const owner = share.owner;
  const shared = await resolveShare(backend, share);
  if (!shared) {
    req.resume();
    return sendStatus(res, 404);
  }
  const sharedHref = shared.href.replace(/\/+$/, "");
  const below = (match[2] ?? "").replace(/^\/+/, "");
  const apachePath = below === "" ? shared.href : `${sharedHref}/${below}`;
  const canRead = (share.permissions & 1) !== 0;
  const canCreate = (share.permissions & 4) !== 0;
  const publicRoot = `/public.php/dav/files/${share.token}`;
  const sharedName = shared.path.split("/").pop() ?? "";

  if (method === "PROPFIND") {
    req.resume();
    if (!canRead && below !== "") return sendStatus(res, 404);
    const depth = canRead ? (header(req, "depth") === "0" ? "0" : "1") : "0";
    const answer = await backend.requestText(owner, "PROPFIND", apachePath, { headers: { depth } });
    if (answer.status !== 207) return sendStatus(res, answer.status);
    let xml = answer.text.split(sharedHref).join(publicRoot);
    if (below === "") {
      // The shared root tells what the link allows.
      xml = xml.replace(
        "<D:prop>",
        `<D:prop><ncs:share-permissions xmlns:ncs="http://nextcloud.org/ns">${share.permissions}</ncs:share-permissions>` +
          `<D:displayname>${sharedName.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</D:displayname>`,
      );
    }
    return sendXml(res, 207, strongEtags(xml));
  }
  if (method === "GET" || method === "HEAD") {
    req.resume();
    if (!canRead) return sendStatus(res, 404);
    const answer = await backend.request(owner, method, apachePath, { headers: { range: req.headers.range } });
    if (answer.status >= 400) {
      answer.body.resume();
      return sendStatus(res, answer.status);
    }
    const headers: Record<string, string> = {};
    for (const name of ["content-type", "content-length", "content-range", "last-modified"]) {
      const value = answer.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    if (typeof answer.headers.etag === "string") headers.etag = strongEtags(answer.headers.etag);
    res.writeHead(answer.status, headers);
    answer.body.pipe(res);
    return;
  }
  if (method === "PUT") {
    if (!canCreate || share.itemType !== "folder" || below === "") {
      req.resume();
      return sendStatus(res, 403);
    }
    // FilesDropPlugin: a taken name becomes "name (2).ext", "name (3).ext"… (never an overwrite).
    let target = apachePath;
    const dot = below.lastIndexOf(".");
    for (let attempt = 2; (await backend.propfind(owner, target, "0")) !== null; attempt += 1) {
      const renamed = dot > 0 ? `${below.slice(0, dot)}%20(${attempt})${below.slice(dot)}` : `${below}%20(${attempt})`;
      target = `${sharedHref}/${renamed}`;
    }
    const result = await putWithNextcloudSemantics(backend, owner, target, req, {
      ifNoneMatch: "*",
      contentLength: req.headers["content-length"],
    });
    return sendStatus(res, result.status, result.headers);
  }
  req.resume();
  return sendStatus(res, 405);
}
