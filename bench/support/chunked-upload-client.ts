/**
 * Nextcloud's chunked upload v2 done by a bare client (docs.nextcloud.com … WebDAV/chunking.html:
 * MKCOL the upload folder, PUT chunks 1…n, MOVE `.file` onto the destination, `Destination` and
 * `OC-Total-Length` on every request), for the Files transfer benchmark: the same protocol, chunk
 * size and assembly the portal's Nextcloud adapter drives, without the portal, so its cost can be
 * told from the portal's own. Chunks are streamed from the file on disk, one fresh connection per
 * request like the other targets (bench/support/file-transfer.ts).
 */
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { request as httpRequest } from "node:http";

interface Answer {
  status: number;
}

function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: { file: string; start: number; length: number },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method,
      agent: false,
      headers: { ...headers, "content-length": String(body?.length ?? 0), connection: "close" },
    });
    req.on("error", reject);
    req.on("response", (response) => {
      response.resume();
      response.on("error", reject);
      response.on("end", () => resolve({ status: response.statusCode ?? 0 }));
    });
    if (body && body.length > 0) {
      createReadStream(body.file, { start: body.start, end: body.start + body.length - 1, highWaterMark: 1024 * 1024 })
        .on("error", reject)
        .pipe(req);
    } else {
      req.end();
    }
  });
}

/**
 * Uploads `file` (`size` bytes) to `<origin>/remote.php/dav/files/<user>/<name>` through chunked
 * upload v2 at `origin` (the Nextcloud double, or a plain proxy in front of it), in chunks of
 * `chunkBytes`. `destinationOrigin` is the origin the Destination header names (Nextcloud's own).
 */
export async function uploadChunked(options: {
  origin: string;
  destinationOrigin: string;
  user: string;
  name: string;
  file: string;
  size: number;
  chunkBytes: number;
  headers: Record<string, string>;
}): Promise<{ ms: number; status: number; chunks: number }> {
  const { origin, user, size, chunkBytes } = options;
  const started = performance.now();
  const folder = `${origin}/remote.php/dav/uploads/${user}/bench-${randomBytes(12).toString("hex")}`;
  const common = {
    ...options.headers,
    destination: `${options.destinationOrigin}/remote.php/dav/files/${user}/${encodeURIComponent(options.name)}`,
    "oc-total-length": String(size),
  };
  const made = await send(folder, "MKCOL", common);
  if (made.status !== 201) return { ms: performance.now() - started, status: made.status, chunks: 0 };
  let chunks = 0;
  for (let start = 0; start < size; start += chunkBytes) {
    chunks += 1;
    const put = await send(`${folder}/${chunks}`, "PUT", common, {
      file: options.file,
      start,
      length: Math.min(chunkBytes, size - start),
    });
    if (put.status !== 201 && put.status !== 204)
      return { ms: performance.now() - started, status: put.status, chunks };
  }
  const moved = await send(`${folder}/.file`, "MOVE", { ...common, overwrite: "T" });
  return { ms: performance.now() - started, status: moved.status, chunks };
}
