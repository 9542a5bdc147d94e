/**
 * The Nextcloud double's access to the real Apache WebDAV server behind it
 * (test/services/apache-webdav.ts): raw requests as a given user, streamed both ways, plus the
 * few helpers the double builds Nextcloud's behaviour from (stat, a recursive walk, setting the
 * properties Nextcloud computes itself — `oc:fileid`, `oc:permissions`, `nc:has-preview` — as
 * Apache dead properties, which Apache keeps on disk and carries along on MOVE).
 *
 * Apache answers weak ETags (`W/"…"`) for files changed within the last second; Nextcloud's are
 * strong. `strongEtags` rewrites them, and the double checks If-Match itself (see files-endpoint).
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import type { ApacheArea, RunningApacheWebdav } from "@/test/services/apache-webdav";

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

/** Files the double has previews for (Nextcloud's default providers: PNG, JPEG, GIF, BMP, WebP…). */
export const PREVIEW_EXTENSIONS = /\.(png|jpe?g|gif|bmp|webp)$/i;

export interface ApacheAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
}

export const NC_NS = 'xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns"';

/** One `<D:response>…</D:response>` of an allprop PROPFIND, with what the double needs from it. */
export interface WalkedResource {
  /** The response element as Apache wrote it (self-contained: it declares its own namespaces). */
  xml: string;
  /** Decoded path below the user's files root, `/a/b`. */
  path: string;
  isCollection: boolean;
  lastModified: number;
  props: Record<string, string>;
}

export class ApacheBackend {
  private fileIdCounter = 1000;

  constructor(
    readonly apache: RunningApacheWebdav,
    private readonly passwords: Map<string, string>,
  ) {}

  nextFileId(): string {
    this.fileIdCounter += 1;
    return String(this.fileIdCounter);
  }

  /** `/remote.php/dav/files/alice/` + encoded relative path. */
  areaPath(user: string, area: ApacheArea, encodedRelative = ""): string {
    return `${this.apache.urlPath(user, area)}${encodedRelative.replace(/^\/+/, "")}`;
  }

  request(
    user: string,
    method: string,
    path: string,
    options: { headers?: Record<string, string | undefined>; body?: string | Buffer | Readable } = {},
  ): Promise<ApacheAnswer> {
    const password = this.passwords.get(user);
    if (password === undefined) throw new Error(`no Apache user ${user}`);
    const headers: Record<string, string> = {
      authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
    };
    for (const [key, value] of Object.entries(options.headers ?? {})) if (value !== undefined) headers[key] = value;
    if (typeof options.body === "string" || Buffer.isBuffer(options.body)) {
      headers["content-length"] = String(Buffer.byteLength(options.body));
    }
    const url = new URL(path, this.apache.origin);
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method, headers, agent });
      req.on("error", reject);
      req.on("response", (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }));
      const body = options.body;
      if (body && typeof body !== "string" && !Buffer.isBuffer(body)) {
        // A client that went away while the double was still deciding: do not wait for its body.
        if (body.destroyed || (body as Readable & { readableAborted?: boolean }).readableAborted) {
          req.destroy(new Error("request body already closed"));
          return;
        }
        body.on("error", (error) => req.destroy(error));
        body.on("close", () => {
          if (!body.readableEnded) req.destroy(new Error("request body closed early"));
        });
        body.pipe(req);
      } else {
        req.end(body);
      }
    });
  }

  async text(answer: ApacheAnswer): Promise<string> {
    const parts: Buffer[] = [];
    for await (const chunk of answer.body as AsyncIterable<Buffer>) parts.push(chunk);
    return Buffer.concat(parts).toString("utf8");
  }

  async requestText(
    user: string,
    method: string,
    path: string,
    options: { headers?: Record<string, string | undefined>; body?: string | Buffer | Readable } = {},
  ): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
    const answer = await this.request(user, method, path, options);
    return { status: answer.status, headers: answer.headers, text: await this.text(answer) };
  }

  /** allprop PROPFIND of one resource or folder (depth 0 or 1), split into its responses. */
  async propfind(user: string, path: string, depth: "0" | "1"): Promise<WalkedResource[] | null> {
    const answer = await this.requestText(user, "PROPFIND", path, { headers: { depth } });
    if (answer.status === 404) return null;
    if (answer.status !== 207) throw new Error(`[nextcloud double] Apache PROPFIND ${answer.status}`);
    return splitResponses(answer.text, this.apache.urlPath(user, "files"));
  }

  /** Every resource below a files path (breadth first), the root itself included. */
  async walk(user: string, encodedFolder = ""): Promise<WalkedResource[]> {
    const out: WalkedResource[] = [];
    const queue = [this.areaPath(user, "files", encodedFolder)];
    while (queue.length > 0) {
      const folder = queue.shift() as string;
      const listing = (await this.propfind(user, folder, "1")) ?? [];
      for (const resource of listing) {
        const href = /<D:href>([^<]*)<\/D:href>/.exec(resource.xml)?.[1] ?? "";
        if (href === folder || `${href}/` === folder) {
          if (out.length === 0) out.push(resource);
          continue;
        }
        out.push(resource);
        if (resource.isCollection) queue.push(href.endsWith("/") ? href : `${href}/`);
      }
    }
    return out;
  }

  /** The current href (Apache path) of the resource with this file id, or null (a walk: no file cache). */
  async findByFileId(user: string, fileId: string): Promise<{ href: string; isCollection: boolean } | null> {
    for (const resource of await this.walk(user)) {
      if (resource.props.fileid === fileId) {
        const href = /<D:href>([^<]*)<\/D:href>/.exec(resource.xml)?.[1];
        if (href) return { href, isCollection: resource.isCollection };
      }
    }
    return null;
  }

  /** Called after something was moved to the trash (Nextcloud then drops its shares). */
  onTrashed: ((user: string) => Promise<void>) | undefined;

  /** Sets Nextcloud's computed properties on a resource, as dead properties. */
  async setNextcloudProps(
    user: string,
    path: string,
    isCollection: boolean,
    fileId = this.nextFileId(),
  ): Promise<void> {
    const permissions = isCollection ? "RGDNVCK" : "RGDNVW";
    // Nextcloud's default preview providers cover the common image formats.
    const hasPreview = !isCollection && PREVIEW_EXTENSIONS.test(decodeURIComponent(path));
    const body =
      `<?xml version="1.0" encoding="UTF-8"?><d:propertyupdate ${NC_NS}><d:set><d:prop>` +
      `<oc:fileid>${fileId}</oc:fileid><oc:id>${fileId.padStart(8, "0")}ocdouble</oc:id>` +
      `<oc:permissions>${permissions}</oc:permissions><nc:has-preview>${hasPreview}</nc:has-preview>` +
      `</d:prop></d:set></d:propertyupdate>`;
    const answer = await this.requestText(user, "PROPPATCH", path, { body });
    if (answer.status !== 207) throw new Error(`[nextcloud double] Apache PROPPATCH ${answer.status}`);
  }

  async setDeadProps(user: string, path: string, propsXml: string): Promise<void> {
    const body = `<?xml version="1.0" encoding="UTF-8"?><d:propertyupdate ${NC_NS}><d:set><d:prop>${propsXml}</d:prop></d:set></d:propertyupdate>`;
    const answer = await this.requestText(user, "PROPPATCH", path, { body });
    if (answer.status !== 207) throw new Error(`[nextcloud double] Apache PROPPATCH ${answer.status}`);
  }
}

/** Apache's multistatus, one entry per `<D:response>`. */
export function splitResponses(xml: string, filesRoot: string): WalkedResource[] {
  const out: WalkedResource[] = [];
  for (const match of xml.matchAll(/<D:response[\s>][\s\S]*?<\/D:response>/g)) {
    const chunk = match[0];
    const href = /<D:href>([^<]*)<\/D:href>/.exec(chunk)?.[1] ?? "";
    const decoded = decodeURIComponent(href);
    const relative = decoded.startsWith(filesRoot) ? `/${decoded.slice(filesRoot.length)}`.replace(/\/$/, "") : decoded;
    const props: Record<string, string> = {};
    for (const prop of chunk.matchAll(/<[A-Za-z0-9]+:([A-Za-z-]+)(?:\s[^>]*)?>([^<]*)<\/[A-Za-z0-9]+:\1>/g)) {
      props[prop[1] as string] = prop[2] as string;
    }
    out.push({
      xml: chunk,
      path: relative === "" ? "/" : relative,
      isCollection: /<D:collection\/>/.test(chunk),
      lastModified: Date.parse(props.getlastmodified ?? "") || 0,
      props,
    });
  }
  return out;
}

/** `W/"…"` → `"…"` everywhere in a text (multistatus bodies) or a header value. */
export function strongEtags(text: string): string {
  return text.replace(/W\/"/g, '"');
}

/** A multistatus document around response elements. */
export function multistatus(responses: string[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<D:multistatus xmlns:D="DAV:">\n${responses.join("\n")}\n</D:multistatus>\n`;
}

/** One request header as a string (Node types custom headers as string | string[]). */
export function header(
  req: { headers: Record<string, string | string[] | undefined> },
  name: string,
): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
