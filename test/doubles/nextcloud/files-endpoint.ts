/**
 * The double's `/remote.php/dav/files/{uid}/…` (Nextcloud WebDAV basic API,
 * https://docs.nextcloud.com/server/latest/developer_manual/client_apis/WebDAV/basic.html).
 *
 * Real Apache (mod_dav_fs) does the WebDAV work: PROPFIND, GET with Range, PUT, MKCOL, MOVE, COPY,
 * PROPPATCH (oc:favorite is an Apache dead property), locks and conditional requests. The double
 * only adds what Nextcloud does on top:
 *   - oc:fileid / oc:permissions / nc:has-preview on every new resource (dead properties, which
 *     Apache moves along on MOVE; COPY gets new ids, as Nextcloud gives copies new file ids);
 *   - strong ETags (Apache's are weak for a second after a change), If-Match checked against them;
 *   - DELETE moves to the trash bin (trashbin-endpoint.ts), overwriting PUT keeps a version
 *     (versions-endpoint.ts);
 *   - PUT answers carry `OC-FileId` and `ETag`;
 *   - REPORT oc:filter-files (favourites) and SEARCH (DAV:basicsearch: a name `like`, files by
 *     mtime, or `eq` on oc:fileid) on `/remote.php/dav/`, which mod_dav does not implement (https://docs.nextcloud.com/…/WebDAV/search.html).
 */
import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { XMLParser } from "fast-xml-parser";
import { multistatus, header, strongEtags, type ApacheBackend } from "@/test/doubles/nextcloud/apache-backend";
import { trashResource } from "@/test/doubles/nextcloud/trashbin-endpoint";
import { keepVersion } from "@/test/doubles/nextcloud/versions-endpoint";

export function sendStatus(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

export function sendXml(res: ServerResponse, status: number, xml: string): void {
  res.writeHead(status, { "content-type": "application/xml; charset=utf-8", "content-length": Buffer.byteLength(xml) });
  res.end(xml);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) parts.push(chunk);
  return Buffer.concat(parts).toString("utf8");
}

/** Strong ETag and file id of an existing resource, or null. */
export async function describe(
  backend: ApacheBackend,
  user: string,
  apachePath: string,
): Promise<{ etag: string; fileId: string | undefined; isCollection: boolean; favourite: boolean } | null> {
  const found = await backend.propfind(user, apachePath, "0");
  const resource = found?.[0];
  if (!resource) return null;
  return {
    etag: strongEtags(resource.props.getetag ?? ""),
    fileId: resource.props.fileid,
    isCollection: resource.isCollection,
    favourite: resource.props.favorite === "1",
  };
}

/**
 * Nextcloud's PUT onto a path, shared by plain PUT, chunked-upload assembly and file drops:
 * conditions, version of the replaced content, the write itself (streamed to Apache), new ids.
 */
export async function putWithNextcloudSemantics(
  backend: ApacheBackend,
  user: string,
  apachePath: string,
  body: Readable,
  conditions: { ifMatch?: string; ifNoneMatch?: string; overwrite?: boolean; contentLength?: string },
): Promise<{ status: number; headers: Record<string, string> }> {
  const before = await describe(backend, user, apachePath);
  if (before?.isCollection) {
    body.resume();
    return { status: 409, headers: {} };
  }
  if (conditions.ifMatch !== undefined && (!before || !conditions.ifMatch.split(/\s*,\s*/).includes(before.etag))) {
    body.resume();
    return { status: 412, headers: {} };
  }
  if ((conditions.ifNoneMatch === "*" || conditions.overwrite === false) && before) {
    body.resume();
    return { status: 412, headers: {} };
  }
  // Sabre answers 409 when the parent folder is missing (checked first: the part file's MOVE
  // would otherwise meet mod_dav_fs' 500).
  const parent = apachePath.replace(/\/+$/, "").replace(/[^/]+$/, "");
  if (!before && (await backend.propfind(user, parent, "0")) === null) {
    body.resume();
    return { status: 409, headers: {} };
  }
  // Like Nextcloud, the body goes to a part file first and only a complete one replaces the
  // target: a write still arriving, or cut, is never visible under the file's name.
  const part = backend.areaPath(user, "uploads", `.part-${randomBytes(8).toString("hex")}`);
  const answer = await backend.request(user, "PUT", part, {
    headers: { "content-length": conditions.contentLength, "content-type": "application/octet-stream" },
    body,
  });
  answer.body.resume();
  if (answer.status !== 201 && answer.status !== 204) return { status: answer.status, headers: {} };
  if (before?.fileId) await keepVersion(backend, user, apachePath, before.fileId);
  const moved = await backend.request(user, "MOVE", part, {
    headers: { destination: `${backend.apache.origin}${apachePath}`, overwrite: "T" },
  });
  moved.body.resume();
  if (moved.status !== 201 && moved.status !== 204) return { status: moved.status, headers: {} };
  // The moved part file replaced the target's properties: the file keeps its id and favourite.
  const fileId = before?.fileId ?? backend.nextFileId();
  await backend.setNextcloudProps(user, apachePath, false, fileId);
  if (before?.favourite) await backend.setDeadProps(user, apachePath, "<oc:favorite>1</oc:favorite>");
  const after = await describe(backend, user, apachePath);
  return { status: before ? 204 : 201, headers: { "oc-fileid": fileId, etag: after?.etag ?? "" } };
}

/** Rewrites a client's Destination (on the double) into Apache's, for the same user's files. */
export function apacheDestination(
  backend: ApacheBackend,
  user: string,
  destination: string | undefined,
): string | null {
  if (!destination) return null;
  let url: URL;
  try {
    url = new URL(destination);
  } catch {
    return null;
  }
  const prefix = `/remote.php/dav/files/${user}/`;
  if (!url.pathname.startsWith(prefix)) return null;
  return `${backend.apache.origin}${url.pathname}`;
}

async function assignNewIds(backend: ApacheBackend, user: string, apachePath: string): Promise<void> {
  const relative = apachePath.slice(backend.apache.urlPath(user, "files").length);
  const resources = await backend.walk(user, relative);
  const filesRoot = backend.apache.urlPath(user, "files");
  for (const resource of resources) {
    const href = /<D:href>([^<]*)<\/D:href>/.exec(resource.xml)?.[1] ?? `${filesRoot}`;
    await backend.setNextcloudProps(user, href, resource.isCollection);
  }
}

export async function handleFiles(
  backend: ApacheBackend,
  user: string,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  const method = req.method ?? "GET";
  // The double's URL space is Apache's for files: same path.
  const apachePath = pathname;
  switch (method) {
    case "PROPFIND": {
      if (header(req, "depth") === "infinity") return sendStatus(res, 403);
      const body = await readBody(req);
      const answer = await backend.requestText(user, "PROPFIND", apachePath, {
        headers: { depth: header(req, "depth") ?? "1", "content-type": "application/xml" },
        body,
      });
      if (answer.status !== 207) return sendStatus(res, answer.status);
      return sendXml(res, 207, strongEtags(answer.text));
    }
    case "GET":
    case "HEAD": {
      const answer = await backend.request(user, method, apachePath, {
        headers: { range: req.headers.range, "if-range": header(req, "if-range") },
      });
      const headers: Record<string, string> = {};
      for (const name of ["content-type", "content-length", "content-range", "last-modified", "accept-ranges"]) {
        const value = answer.headers[name];
        if (typeof value === "string") headers[name] = value;
      }
      if (typeof answer.headers.etag === "string") headers.etag = strongEtags(answer.headers.etag);
      if (answer.status >= 400 || (answer.status === 200 && answer.headers["content-type"]?.startsWith("text/html"))) {
        answer.body.resume();
        return sendStatus(res, answer.status >= 400 ? answer.status : 404);
      }
      res.writeHead(answer.status, headers);
      answer.body.pipe(res);
      return;
    }
    case "PUT": {
      const result = await putWithNextcloudSemantics(backend, user, apachePath, req, {
        ifMatch: req.headers["if-match"],
        ifNoneMatch: req.headers["if-none-match"],
        contentLength: req.headers["content-length"],
      });
      return sendStatus(res, result.status, result.headers);
    }
    case "MKCOL": {
      const answer = await backend.request(user, "MKCOL", apachePath);
      answer.body.resume();
      if (answer.status === 201) await backend.setNextcloudProps(user, apachePath, true);
      return sendStatus(res, answer.status);
    }
    case "MOVE":
    case "COPY": {
      const destination = apacheDestination(backend, user, header(req, "destination"));
      if (!destination) return sendStatus(res, 502);
      // Sabre answers 409 when the destination's parent is missing (mod_dav_fs says 500).
      const parent = new URL(destination).pathname.replace(/\/+$/, "").replace(/[^/]+$/, "");
      if ((await backend.propfind(user, parent, "0")) === null) return sendStatus(res, 409);
      const answer = await backend.request(user, method, apachePath, {
        headers: {
          destination,
          overwrite: header(req, "overwrite") ?? "T",
          depth: method === "COPY" ? "infinity" : undefined,
        },
      });
      answer.body.resume();
      if (method === "COPY" && (answer.status === 201 || answer.status === 204)) {
        await assignNewIds(backend, user, new URL(destination).pathname);
      }
      return sendStatus(res, answer.status);
    }
    case "DELETE": {
      const status = await trashResource(backend, user, apachePath);
      return sendStatus(res, status);
    }
    case "PROPPATCH": {
      const body = await readBody(req);
      const answer = await backend.requestText(user, "PROPPATCH", apachePath, { body });
      return answer.status === 207 ? sendXml(res, 207, answer.text) : sendStatus(res, answer.status);
    }
    case "REPORT": {
      const body = await readBody(req);
      if (!/filter-files/.test(body) || !/favorite>\s*1\s*</.test(body)) return sendStatus(res, 501);
      const relative = apachePath.slice(backend.apache.urlPath(user, "files").length);
      const resources = await backend.walk(user, relative);
      const favourites = resources.filter((resource) => resource.props.favorite === "1");
      return sendXml(res, 207, strongEtags(multistatus(favourites.map((resource) => resource.xml))));
    }
    default:
      req.resume();
      return sendStatus(res, 405);
  }
}

const searchParser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false });

/** SEARCH on /remote.php/dav/ with a DAV:basicsearch body: names (like) or recent files (order by mtime). */
export async function handleSearch(
  backend: ApacheBackend,
  user: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readBody(req);
  let search: Record<string, unknown>;
  try {
    const parsed = searchParser.parse(body) as { searchrequest?: { basicsearch?: Record<string, unknown> } };
    search = parsed.searchrequest?.basicsearch ?? {};
  } catch {
    return sendStatus(res, 400);
  }
  const scope = String(((search.from as Record<string, Record<string, unknown>>)?.scope?.href as string) ?? "");
  if (scope.replace(/\/+$/, "") !== `/files/${user}`) return sendStatus(res, 403);
  const whereXml = body.slice(body.indexOf("where>"), body.lastIndexOf("where>"));
  const like = /like>[\s\S]*?literal>([^<]*)</
    .exec(whereXml)?.[1]
    ?.replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
  const filesOnly = /not>[\s\S]*httpd\/unix-directory/.test(whereXml);
  // `<d:eq><d:prop><oc:fileid/></d:prop><d:literal>42</d:literal></d:eq>`: one entry by its id.
  const fileIdMatch = /eq>\s*<[\w:]*prop>\s*<[\w:]*fileid\s*\/>\s*<\/[\w:]*prop>\s*<[\w:]*literal>([^<]*)</.exec(
    whereXml,
  );
  const fileId = fileIdMatch?.[1]?.trim();
  const limit = Number(((search.limit as Record<string, unknown>)?.nresults as string) ?? 100) || 100;
  const byModified = /orderby>[\s\S]*getlastmodified[\s\S]*descending/.test(body);

  const resources = (await backend.walk(user)).filter((resource) => resource.path !== "/");
  // LIKE: `%` any run, `_` any one character; case-insensitive, accents kept (as PostgreSQL's ILIKE).
  const pattern =
    like === undefined
      ? null
      : new RegExp(
          `^${[...like].map((c) => (c === "%" ? ".*" : c === "_" ? "." : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("")}$`,
          "is",
        );
  const matches = resources.filter((resource) => {
    if (filesOnly && resource.isCollection) return false;
    if (fileId !== undefined) return resource.props.fileid === fileId;
    const name = resource.path.split("/").pop() ?? "";
    return pattern === null || pattern.test(name);
  });
  // getlastmodified has a one-second resolution: order by the file's own mtime, as Nextcloud's
  // file cache does (it stores the mtime the write set).
  const mtime = (path: string) =>
    statSync(join(backend.apache.folder(user, "files"), path), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  matches.sort((a, b) =>
    byModified
      ? mtime(b.path) - mtime(a.path)
      : (a.path.split("/").pop() ?? "").localeCompare(b.path.split("/").pop() ?? ""),
  );
  return sendXml(res, 207, strongEtags(multistatus(matches.slice(0, limit).map((resource) => resource.xml))));
}
