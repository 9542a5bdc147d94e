/**
 * The double's file versions, after https://docs.nextcloud.com/server/latest/developer_manual/client_apis/WebDAV/versions.html:
 *
 *   PROPFIND /remote.php/dav/versions/{uid}/versions/{fileid}        the past versions (one entry each)
 *   GET      /remote.php/dav/versions/{uid}/versions/{fileid}/{v}    a version's content
 *   MOVE     …/versions/{fileid}/{v}  →  Destination /remote.php/dav/versions/{uid}/restore/target
 *
 * Storage: before Apache overwrites a file, the double COPYs the current content into the user's
 * private `versions/{fileid}/` area, named by the time in milliseconds (Nextcloud names versions
 * by their Unix time in seconds; ids are opaque to clients either way, and milliseconds keep two
 * writes in one second apart). Restoring keeps the current content as a version, then MOVEs the
 * chosen version into place (so it leaves the list, as in Nextcloud).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { header, strongEtags, type ApacheBackend } from "@/test/doubles/nextcloud/apache-backend";
import { sendStatus, sendXml } from "@/test/doubles/nextcloud/files-endpoint";

async function ensureFolder(backend: ApacheBackend, user: string, fileId: string): Promise<string> {
  const folder = backend.areaPath(user, "versions", `${fileId}/`);
  (await backend.request(user, "MKCOL", folder)).body.resume();
  return folder;
}

let lastVersionTime = 0;

/** Keeps the current content of a file (by its Apache path) as a version. */
export async function keepVersion(
  backend: ApacheBackend,
  user: string,
  apachePath: string,
  fileId: string,
): Promise<void> {
  const folder = await ensureFolder(backend, user, fileId);
  lastVersionTime = Math.max(Date.now(), lastVersionTime + 1);
  const answer = await backend.request(user, "COPY", apachePath, {
    headers: { destination: `${backend.apache.origin}${folder}${lastVersionTime}`, overwrite: "T" },
  });
  answer.body.resume();
  if (answer.status !== 201 && answer.status !== 204)
    throw new Error(`[nextcloud double] version COPY ${answer.status}`);
}

export async function handleVersions(
  backend: ApacheBackend,
  user: string,
  req: IncomingMessage,
  res: ServerResponse,
  rest: string,
): Promise<void> {
  const method = req.method ?? "GET";
  const match = /^versions\/(\d+)(?:\/([0-9]+))?\/?$/.exec(rest);
  if (!match) {
    req.resume();
    return sendStatus(res, 404);
  }
  const fileId = match[1] as string;
  const version = match[2];
  const found = await backend.findByFileId(user, fileId);
  const current = found && !found.isCollection ? found.href : null;
  if (!current) {
    req.resume();
    return sendStatus(res, 404);
  }
  const folder = await ensureFolder(backend, user, fileId);
  const publicFolder = `/remote.php/dav/versions/${user}/versions/${fileId}/`;
  if (method === "PROPFIND" && version === undefined) {
    const parts: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) parts.push(chunk);
    const answer = await backend.requestText(user, "PROPFIND", folder, {
      headers: { depth: header(req, "depth") ?? "1", "content-type": "application/xml" },
      body: Buffer.concat(parts),
    });
    if (answer.status !== 207) return sendStatus(res, answer.status);
    return sendXml(res, 207, strongEtags(answer.text.split(folder).join(publicFolder)));
  }
  req.resume();
  if (version === undefined) return sendStatus(res, 405);
  const versionPath = `${folder}${version}`;
  if (method === "GET") {
    const answer = await backend.request(user, "GET", versionPath);
    if (answer.status !== 200) {
      answer.body.resume();
      return sendStatus(res, answer.status);
    }
    const headers: Record<string, string> = { "content-type": "application/octet-stream" };
    if (typeof answer.headers["content-length"] === "string")
      headers["content-length"] = answer.headers["content-length"];
    if (typeof answer.headers["last-modified"] === "string") headers["last-modified"] = answer.headers["last-modified"];
    if (typeof answer.headers.etag === "string") headers.etag = strongEtags(answer.headers.etag);
    res.writeHead(200, headers);
    answer.body.pipe(res);
    return;
  }
  if (method === "MOVE") {
    const destination = new URL(header(req, "destination") ?? "", "http://x").pathname;
    if (destination !== `/remote.php/dav/versions/${user}/restore/target`) return sendStatus(res, 400);
    if ((await backend.propfind(user, versionPath, "0")) === null) return sendStatus(res, 404);
    await keepVersion(backend, user, current, fileId);
    const answer = await backend.request(user, "MOVE", versionPath, {
      headers: { destination: `${backend.apache.origin}${current}`, overwrite: "T" },
    });
    answer.body.resume();
    return sendStatus(res, answer.status === 201 || answer.status === 204 ? 204 : answer.status);
  }
  return sendStatus(res, 405);
}
