/**
 * The WebDAV file operations on `/remote.php/dav/files/{uid}/`: listing (PROPFIND depth 0/1),
 * reading (GET with Range, streamed), writing (PUT, streamed; conditional with If-Match /
 * If-None-Match), MKCOL, MOVE/COPY (absolute Destination, Overwrite T/F), DELETE (Nextcloud moves
 * to its trash bin), favourites (PROPPATCH oc:favorite, REPORT oc:filter-files) and SEARCH
 * (DAV:basicsearch) for names and recent files.
 */
import "server-only";
import { Transform, type Readable } from "node:stream";
import { AppError } from "@/server/errors";
import type { ByteRange, FileContent, FileEntry, UserPath } from "@/server/files/storage";
import { FILE_PROPS, NS, PROPFIND_BODY, normaliseEtag, toFileEntry } from "@/integrations/nextcloud/dav/file-props";
import { xmlEscape } from "@/integrations/nextcloud/dav/multistatus";
import type { NextcloudClient } from "@/integrations/nextcloud/http/nextcloud-client";
import { discard } from "@/integrations/nextcloud/http/nextcloud-request";
import { nextcloudStatusError } from "@/integrations/nextcloud/http/status-errors";
import type { NextcloudCaller } from "@/integrations/nextcloud/auth/user-credentials";

export interface DavCall {
  client: NextcloudClient;
  caller: NextcloudCaller;
  signal?: AbortSignal;
}

function filesRoot(call: DavCall): string {
  return call.client.urls.files(call.caller.uid, "/").pathname;
}

function entries(call: DavCall, responses: Parameters<typeof toFileEntry>[0][]): FileEntry[] {
  const root = filesRoot(call);
  return responses.map((response) => toFileEntry(response, root)).filter((entry) => entry !== null);
}

export async function statEntry(call: DavCall, path: UserPath): Promise<FileEntry> {
  const responses = await call.client.multistatus(
    "PROPFIND",
    call.client.urls.files(call.caller.uid, path),
    PROPFIND_BODY,
    "read",
    { authorization: call.caller.authorization, signal: call.signal, depth: "0" },
  );
  const [entry] = entries(call, responses);
  if (!entry) throw new AppError("NOT_FOUND", { userMessage: "no such file or folder" });
  return entry;
}

export async function listFolder(call: DavCall, folder: UserPath): Promise<FileEntry[]> {
  const responses = await call.client.multistatus(
    "PROPFIND",
    call.client.urls.files(call.caller.uid, folder, { folder: true }),
    PROPFIND_BODY,
    "list",
    { authorization: call.caller.authorization, signal: call.signal, depth: "1" },
  );
  const all = entries(call, responses);
  const self = all.find((entry) => entry.path === folder);
  if (self && self.kind !== "folder") throw new AppError("BAD_REQUEST", { userMessage: "not a folder" });
  return all.filter((entry) => entry.path !== folder);
}

/** `Content-Range: bytes 0-99/1234` → the range and the total size. */
function parseContentRange(value: string | undefined): { range: ByteRange; size: number } | null {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value?.trim() ?? "");
  if (!match) return null;
  return { range: { start: Number(match[1]), end: Number(match[2]) }, size: Number(match[3]) };
}

/** Streams a GET (with Range) into a FileContent; the caller drains or destroys `body`. */
export async function readUrl(
  client: NextcloudClient,
  url: URL,
  options: { authorization?: string; range?: ByteRange; signal?: AbortSignal },
): Promise<FileContent> {
  const response = await client.download(url, {
    authorization: options.authorization,
    signal: options.signal,
    headers: { range: options.range ? `bytes=${options.range.start}-${options.range.end}` : undefined },
  });
  const { status, headers, body } = response;
  const common = {
    contentType: headers["content-type"] ?? "application/octet-stream",
    etag: normaliseEtag(headers.etag),
    lastModified: new Date(Date.parse(headers["last-modified"] ?? "") || 0).toISOString(),
  };
  if (status === 206 && options.range) {
    const parsed = parseContentRange(headers["content-range"]);
    if (!parsed) {
      body.destroy();
      throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "Nextcloud's answer could not be read" });
    }
    return { body, size: parsed.size, range: parsed.range, ...common };
  }
  if (status === 200) {
    const size = Number(headers["content-length"] ?? Number.NaN);
    if (options.range) {
      body.destroy();
      // Servers answer a range on an empty file (or past its end) with the whole, empty, file.
      if (Number.isFinite(size) && options.range.start >= size) {
        throw new AppError("RANGE_NOT_SATISFIABLE", { userMessage: "range outside the file" });
      }
      // A server that ignores Range sends the whole file: refuse rather than mislabel it.
      throw new AppError("BACKEND_UNAVAILABLE", { userMessage: "Nextcloud ignored the requested range" });
    }
    return { body, size: Number.isFinite(size) ? size : 0, ...common };
  }
  discard(body);
  throw nextcloudStatusError(status, "read");
}

export function readFile(call: DavCall, path: UserPath, range?: ByteRange): Promise<FileContent> {
  if (range && (range.start < 0 || range.end < range.start)) {
    throw new AppError("RANGE_NOT_SATISFIABLE", { userMessage: "range outside the file" });
  }
  return readUrl(call.client, call.client.urls.files(call.caller.uid, path), {
    authorization: call.caller.authorization,
    range,
    signal: call.signal,
  });
}

export interface PutOptions {
  size?: number;
  ifMatch?: string;
  overwrite?: boolean;
}

/** One streamed PUT. Without overwrite, `If-None-Match: *` makes an existing target a 412 (CONFLICT). */
export async function putFile(call: DavCall, path: UserPath, body: Readable, options: PutOptions): Promise<void> {
  const headers: Record<string, string | undefined> = {
    "content-type": "application/octet-stream",
    "content-length": options.size === undefined ? undefined : String(options.size),
  };
  if (options.ifMatch) headers["if-match"] = options.ifMatch;
  else if (!options.overwrite) headers["if-none-match"] = "*";
  try {
    await call.client.expectOk("PUT", call.client.urls.files(call.caller.uid, path), "write", {
      authorization: call.caller.authorization,
      signal: call.signal,
      headers,
      body: options.size === undefined ? body : exactLength(body, options.size),
    });
  } catch (error) {
    // WebDAV says 409 both for a missing parent folder and for a PUT onto a folder.
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      const existing = await statEntry(call, path).catch(() => null);
      if (existing?.kind === "folder") throw new AppError("CONFLICT", { userMessage: "a folder has that name" });
    }
    throw error;
  }
}

/**
 * Passes a body through, failing it (and so the upload request, which Nextcloud then discards)
 * when it is shorter or longer than the Content-Length it was declared with: a cut or lying
 * client must never leave a truncated file.
 */
export function exactLength(body: Readable, size: number): Readable {
  let seen = 0;
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > size) done(new AppError("BAD_REQUEST", { userMessage: "the body is longer than its declared size" }));
      else done(null, chunk);
    },
    flush(done) {
      done(
        seen === size
          ? null
          : new AppError("BAD_REQUEST", { userMessage: "the body is shorter than its declared size" }),
      );
    },
  });
  body.once("error", (error) => guard.destroy(error));
  return body.pipe(guard);
}

export async function makeFolder(call: DavCall, path: UserPath): Promise<void> {
  await call.client.expectOk(
    "MKCOL",
    call.client.urls.files(call.caller.uid, path, { folder: true }),
    "create-folder",
    {
      authorization: call.caller.authorization,
      signal: call.signal,
    },
  );
}

export async function moveOrCopy(
  call: DavCall,
  method: "MOVE" | "COPY",
  from: UserPath,
  to: UserPath,
  overwrite: boolean,
): Promise<void> {
  if (from === "/" || to === "/") throw new AppError("BAD_REQUEST", { userMessage: "the root folder cannot be moved" });
  if (to === from || to.startsWith(`${from}/`)) {
    throw new AppError("BAD_REQUEST", { userMessage: "a folder cannot go inside itself" });
  }
  await call.client.expectOk(
    method,
    call.client.urls.files(call.caller.uid, from),
    method === "MOVE" ? "move" : "copy",
    {
      authorization: call.caller.authorization,
      signal: call.signal,
      headers: { destination: call.client.urls.files(call.caller.uid, to).href, overwrite: overwrite ? "T" : "F" },
    },
  );
}

export async function deletePath(call: DavCall, path: UserPath): Promise<void> {
  if (path === "/") throw new AppError("BAD_REQUEST", { userMessage: "the root folder cannot be deleted" });
  await call.client.expectOk("DELETE", call.client.urls.files(call.caller.uid, path), "delete", {
    authorization: call.caller.authorization,
    signal: call.signal,
  });
}

export async function setFavourite(call: DavCall, path: UserPath, favourite: boolean): Promise<void> {
  const body = `<?xml version="1.0" encoding="UTF-8"?><d:propertyupdate ${NS}><d:set><d:prop><oc:favorite>${favourite ? 1 : 0}</oc:favorite></d:prop></d:set></d:propertyupdate>`;
  const responses = await call.client.multistatus(
    "PROPPATCH",
    call.client.urls.files(call.caller.uid, path),
    body,
    "write",
    { authorization: call.caller.authorization, signal: call.signal },
  );
  // PROPPATCH answers 207 even when the property was refused: check its own status.
  if (responses[0]?.props.favorite === undefined) {
    throw new AppError("FORBIDDEN", { userMessage: "Nextcloud refused to change the favourite" });
  }
}

export async function listFavourites(call: DavCall): Promise<FileEntry[]> {
  const body = `<?xml version="1.0" encoding="UTF-8"?><oc:filter-files ${NS}><d:prop>${FILE_PROPS}</d:prop><oc:filter-rules><oc:favorite>1</oc:favorite></oc:filter-rules></oc:filter-files>`;
  const responses = await call.client.multistatus(
    "REPORT",
    call.client.urls.files(call.caller.uid, "/", { folder: true }),
    body,
    "list",
    { authorization: call.caller.authorization, signal: call.signal },
  );
  return entries(call, responses).filter((entry) => entry.path !== "/");
}

function basicSearch(call: DavCall, where: string, orderBy: string, limit: number): string {
  const scope = `/files/${xmlEscape(call.caller.uid)}`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?><d:searchrequest ${NS}><d:basicsearch>` +
    `<d:select><d:prop>${FILE_PROPS}</d:prop></d:select>` +
    `<d:from><d:scope><d:href>${scope}</d:href><d:depth>infinity</d:depth></d:scope></d:from>` +
    `<d:where>${where}</d:where>${orderBy}` +
    `<d:limit><d:nresults>${limit}</d:nresults></d:limit>` +
    `</d:basicsearch></d:searchrequest>`
  );
}

async function runSearch(call: DavCall, xml: string): Promise<FileEntry[]> {
  const responses = await call.client.multistatus("SEARCH", call.client.urls.davRoot(), xml, "list", {
    authorization: call.caller.authorization,
    signal: call.signal,
  });
  return entries(call, responses).filter((entry) => entry.path !== "/");
}

/**
 * The entry with this `oc:fileid`, wherever it is in the user's tree: a DAV:basicsearch `eq` on
 * `oc:fileid` (a searchable property in Nextcloud's WebDAV search API). Ids are decimal numbers;
 * anything else is unknown without asking Nextcloud.
 */
export async function statById(call: DavCall, id: string): Promise<FileEntry> {
  if (!/^[0-9]{1,19}$/.test(id)) throw new AppError("NOT_FOUND", { userMessage: "no such file or folder" });
  const where = `<d:eq><d:prop><oc:fileid/></d:prop><d:literal>${id}</d:literal></d:eq>`;
  const found = await runSearch(call, basicSearch(call, where, "", 1));
  const entry = found.find((candidate) => candidate.id === id);
  if (!entry) throw new AppError("NOT_FOUND", { userMessage: "no such file or folder" });
  return entry;
}

/** Files (not folders), newest first, as Nextcloud's own "Recent" view asks for them. */
export function listRecent(call: DavCall, limit: number): Promise<FileEntry[]> {
  const where =
    "<d:not><d:eq><d:prop><d:getcontenttype/></d:prop><d:literal>httpd/unix-directory</d:literal></d:eq></d:not>";
  const orderBy = "<d:orderby><d:order><d:prop><d:getlastmodified/></d:prop><d:descending/></d:order></d:orderby>";
  return runSearch(call, basicSearch(call, where, orderBy, limit));
}

/** Names containing `query` (Nextcloud's `like` is case-insensitive). */
export async function searchByName(call: DavCall, query: string, limit: number): Promise<FileEntry[]> {
  const term = query.trim();
  if (term === "") return [];
  // `%` and `_` are LIKE wildcards that DAV:basicsearch cannot escape: each becomes `_` (any one
  // character, a superset of the literal) and the answer is narrowed to literal matches here.
  const pattern = xmlEscape(term.replace(/[%_]/g, "_"));
  const where = `<d:like><d:prop><d:displayname/></d:prop><d:literal>%${pattern}%</d:literal></d:like>`;
  const orderBy = "<d:orderby><d:order><d:prop><d:displayname/></d:prop><d:ascending/></d:order></d:orderby>";
  const wildcards = /[%_]/.test(term);
  const found = await runSearch(call, basicSearch(call, where, orderBy, wildcards ? limit * 4 : limit));
  if (!wildcards) return found;
  const needle = term.toLocaleLowerCase("fr");
  return found.filter((entry) => entry.name.toLocaleLowerCase("fr").includes(needle)).slice(0, limit);
}
