/**
 * The double's chunked upload v2, after https://docs.nextcloud.com/server/latest/developer_manual/client_apis/WebDAV/chunking.html:
 *
 *   MKCOL  /remote.php/dav/uploads/{uid}/{id}             Destination required
 *   PUT    /remote.php/dav/uploads/{uid}/{id}/{n}         n = 1…10000; Destination and OC-Total-Length required
 *   PROPFIND (depth 1) of the folder                      the chunks received so far
 *   MOVE   /remote.php/dav/uploads/{uid}/{id}/.file       assembles in numeric order into Destination;
 *                                                         OC-Total-Length must equal the chunks' sum
 *   DELETE /remote.php/dav/uploads/{uid}/{id}             abort
 *
 * Storage: the chunks are real Apache resources in the user's private `uploads` area, each PUT
 * first as a `.part-…` file and MOVEd to its number once complete (Nextcloud's part files), so a
 * chunk still arriving or cut is never counted. Assembly reads
 * the chunk files from Apache's folder on disk in order and streams them as ONE PUT to the target
 * through the same path as a plain PUT (If-Match, Overwrite, versions, file id).
 *
 * Not emulated: the 5 MiB minimum chunk size (Nextcloud enforces it only on S3 primary storage)
 * and the 24 h expiry of idle upload folders.
 */
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { PassThrough } from "node:stream";
import { header, strongEtags, type ApacheBackend } from "@/test/doubles/nextcloud/apache-backend";
import {
  apacheDestination,
  putWithNextcloudSemantics,
  sendStatus,
  sendXml,
} from "@/test/doubles/nextcloud/files-endpoint";

export async function handleUploads(
  backend: ApacheBackend,
  user: string,
  req: IncomingMessage,
  res: ServerResponse,
  rest: string,
): Promise<void> {
  const method = req.method ?? "GET";
  const match = /^([A-Za-z0-9_-]{1,64})(?:\/([^/]+))?\/?$/.exec(rest);
  if (!match) {
    req.resume();
    return sendStatus(res, 404);
  }
  const uploadId = match[1] as string;
  const chunk = match[2];
  const folder = backend.areaPath(user, "uploads", `${uploadId}/`);
  const destination = apacheDestination(backend, user, header(req, "destination"));

  if (method === "MKCOL" && chunk === undefined) {
    req.resume();
    if (!destination) return sendStatus(res, 400);
    const answer = await backend.request(user, "MKCOL", folder);
    answer.body.resume();
    return sendStatus(res, answer.status);
  }
  if (method === "PROPFIND" && chunk === undefined) {
    const parts: Buffer[] = [];
    for await (const part of req as AsyncIterable<Buffer>) parts.push(part);
    const answer = await backend.requestText(user, "PROPFIND", folder, {
      headers: { depth: header(req, "depth") ?? "1", "content-type": "application/xml" },
      body: Buffer.concat(parts),
    });
    if (answer.status !== 207) return sendStatus(res, answer.status);
    const publicFolder = `/remote.php/dav/uploads/${user}/${uploadId}/`;
    return sendXml(res, 207, strongEtags(answer.text.split(folder).join(publicFolder)));
  }
  if (method === "PUT" && chunk !== undefined) {
    const number = Number(chunk);
    if (!destination || header(req, "oc-total-length") === undefined) {
      req.resume();
      return sendStatus(res, 400);
    }
    if (!/^\d+$/.test(chunk) || number < 1 || number > 10_000) {
      req.resume();
      return sendStatus(res, 400);
    }
    if ((await backend.propfind(user, folder, "0")) === null) {
      req.resume();
      return sendStatus(res, 404);
    }
    // Like Nextcloud, a chunk is written as a part file and renamed once complete: a chunk still
    // arriving (or cut) is never listed with its final name.
    const part = `${folder}.part-${chunk}-${randomBytes(6).toString("hex")}`;
    const answer = await backend.request(user, "PUT", part, {
      headers: { "content-length": req.headers["content-length"] },
      body: req,
    });
    answer.body.resume();
    if (answer.status !== 201 && answer.status !== 204) return sendStatus(res, answer.status);
    const moved = await backend.request(user, "MOVE", part, {
      headers: { destination: `${backend.apache.origin}${folder}${chunk}`, overwrite: "T" },
    });
    moved.body.resume();
    return sendStatus(res, moved.status === 204 ? 204 : 201);
  }
  if (method === "MOVE" && chunk === ".file") {
    req.resume();
    const total = Number(header(req, "oc-total-length"));
    if (!destination || !Number.isSafeInteger(total)) return sendStatus(res, 400);
    const directory = path.join(backend.apache.folder(user, "uploads"), uploadId);
    let names: string[];
    try {
      names = (await readdir(directory)).filter((name) => /^\d+$/.test(name));
    } catch {
      return sendStatus(res, 404);
    }
    names.sort((a, b) => Number(a) - Number(b));
    let sum = 0;
    for (const name of names) sum += (await stat(path.join(directory, name))).size;
    if (sum !== total) return sendStatus(res, 400);
    const body = new PassThrough();
    void (async () => {
      for (const name of names) {
        const source = createReadStream(path.join(directory, name));
        for await (const part of source as AsyncIterable<Buffer>) {
          if (!body.write(part)) await new Promise((resolve) => body.once("drain", resolve));
        }
      }
      body.end();
    })().catch((error: unknown) => body.destroy(error as Error));
    const result = await putWithNextcloudSemantics(backend, user, new URL(destination).pathname, body, {
      ifMatch: req.headers["if-match"],
      overwrite: header(req, "overwrite") === "F" ? false : undefined,
      contentLength: String(total),
    });
    if (result.status === 201 || result.status === 204) {
      (await backend.request(user, "DELETE", folder)).body.resume();
    }
    return sendStatus(res, result.status, result.headers);
  }
  if (method === "DELETE" && chunk === undefined) {
    req.resume();
    const answer = await backend.request(user, "DELETE", folder);
    answer.body.resume();
    return sendStatus(res, answer.status);
  }
  req.resume();
  return sendStatus(res, 405);
}
