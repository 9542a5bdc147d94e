/**
 * `GET /api/files/zip?path=/a&path=/b[&name=archive.zip]` — several files and folders as one zip,
 * streamed: the plan (zip-plan.ts) is metadata only; then each file is opened only when the
 * archiver reaches it (one backend read at a time), and the archive flows to the client through
 * `pipeline`, so memory stays flat whatever the total size. Already-compressed types are stored,
 * the rest deflated at a low level (speed over a few percent of size). ZIP64 is used by the
 * archiver beyond 4 GiB.
 */
import "server-only";
import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { ZipArchive } from "archiver";
import { z } from "zod";
import type { NodeRoute } from "@/server/http/node-routes";
import { contentDisposition, essence } from "@/server/files/http/content-disposition";
import { ZUserPath, parseQuery } from "@/server/files/http/query";
import { methodNotAllowed, openFilesRequest } from "@/server/files/http/request-context";
import { planZip } from "@/server/files/http/zip-plan";

const MAX_SELECTION = 1000;

const ZZipQuery = z.object({
  path: z
    .union([z.string(), z.array(z.string()).max(MAX_SELECTION, `at most ${MAX_SELECTION} paths`)])
    .transform((value) => (Array.isArray(value) ? value : [value]))
    .pipe(z.array(ZUserPath).min(1, "at least one path")),
  name: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\\x00-\x1f\x7f]+$/, "name must be a plain file name")
    .transform((value) => (value.toLowerCase().endsWith(".zip") ? value : `${value}.zip`))
    .optional(),
});

/** Types whose content is already compressed: deflating them again costs CPU for nothing. */
function isCompressed(contentType: string | null): boolean {
  const type = essence(contentType ?? "");
  return (
    /^(image|audio|video)\//.test(type) ||
    /(zip|compressed|gzip|x-7z|x-rar|x-xz|x-bzip2|openxmlformats|opendocument|epub)/.test(type) ||
    type === "application/pdf"
  );
}

async function zip(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { storage, context } = await openFilesRequest(req, res);
  const query = parseQuery(url, ZZipQuery);
  const items = await planZip(storage, context, query.path);
  const first = items[0];
  const fileName =
    query.name ?? (query.path.length === 1 && first ? `${first.name.replace(/\/$/, "")}.zip` : "archive.zip");

  const archive = new ZipArchive({ zlib: { level: 1 } });
  res.statusCode = 200;
  res.setHeader("content-type", "application/zip");
  res.setHeader("content-disposition", contentDisposition("attachment", fileName));
  res.setHeader("cache-control", "private, no-store");
  const sent = pipeline(archive, res);
  // Awaited at the end; until then a client hanging up is seen through the context's signal.
  sent.catch(() => undefined);
  // A failure after the headers cannot change the status: the dispatcher cuts the connection and
  // the client sees a broken download, never a valid-looking partial archive.
  const failed = new Promise<never>((_, reject) => archive.once("error", reject));
  failed.catch(() => undefined);

  for (const { entry, name } of items) {
    if (context.signal?.aborted) break;
    const date = new Date(entry.lastModified);
    if (entry.kind === "folder") {
      archive.append(Buffer.alloc(0), { name, date, type: "directory" });
      continue;
    }
    const content = await Promise.race([storage.read(context, entry.path), failed]);
    const added = once(archive, "entry");
    archive.append(content.body, { name, date, store: isCompressed(entry.contentType) });
    // One open backend stream at a time: the next file is opened once this one is in the archive.
    await Promise.race([added, failed]);
  }
  if (context.signal?.aborted) {
    archive.abort();
    return;
  }
  await archive.finalize();
  await sent;
}

export const zipRoute: NodeRoute = {
  prefix: "/api/files/zip",
  handle: (req, res, url) => (req.method === "GET" ? zip(req, res, url) : methodNotAllowed(res, ["GET"])),
};
