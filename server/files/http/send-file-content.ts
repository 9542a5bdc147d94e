/**
 * Sends a file's content: the one place that decides status (200, 206, 304, 416), validators,
 * caching, Content-Disposition and the isolation headers, then streams the body with
 * `stream.pipeline` (backpressure: the backend is read only as fast as the client takes it; a
 * client that goes away destroys the backend stream).
 *
 * Used by the private content route, the version content route and the public share routes. A
 * source with `stat` (the private routes) is asked for its metadata first when the request is
 * conditional, ranged or HEAD, so a 304, 416 or HEAD opens no content at all; a source without it
 * (public links: their interface has no stat) opens the content and reopens it for a range.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { AppError } from "@/server/errors";
import type { ByteRange, FileContent } from "@/server/files/storage";
import { contentDisposition, isInlineSafe } from "@/server/files/http/content-disposition";
import { isNotModified, rangeStillApplies } from "@/server/files/http/conditional";
import { contentRangeHeader, parseRangeHeader, resolveRange, unsatisfiedRangeHeader } from "@/server/files/http/range";

export interface ContentMeta {
  size: number;
  etag: string;
  lastModified: string;
  contentType: string;
}

export interface ContentSource {
  /** Metadata without opening the content (optional: see the header). */
  stat?: () => Promise<ContentMeta>;
  read: (range?: ByteRange) => Promise<FileContent>;
  /** False when the backend cannot read a part (past versions): Range is then ignored. */
  rangeable: boolean;
}

export interface Presentation {
  fileName: string;
  /** `?download=1`: always an attachment. */
  download: boolean;
}

/**
 * What an inline answer may do once the browser renders it: nothing. `sandbox` gives it an opaque
 * origin (no cookies, no scripts, no forms); frame-ancestors 'self' lets the portal's own pages show
 * it in an iframe preview and no one else.
 */
const INLINE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox";

function httpDate(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? new Date(0).toUTCString() : new Date(time).toUTCString();
}

function setValidators(res: ServerResponse, meta: Pick<ContentMeta, "etag" | "lastModified">): void {
  res.setHeader("etag", meta.etag);
  res.setHeader("last-modified", httpDate(meta.lastModified));
  // Private: a shared cache must never keep one user's file; no-cache: revalidate (304) each time.
  res.setHeader("cache-control", "private, no-cache");
}

function setContentHeaders(
  res: ServerResponse,
  meta: ContentMeta,
  range: ByteRange | undefined,
  presentation: Presentation,
  rangeable: boolean,
): void {
  const inline = !presentation.download && isInlineSafe(meta.contentType);
  res.statusCode = range ? 206 : 200;
  setValidators(res, meta);
  res.setHeader("content-type", inline ? meta.contentType : meta.contentType || "application/octet-stream");
  res.setHeader("content-length", range ? range.end - range.start + 1 : meta.size);
  res.setHeader("accept-ranges", rangeable ? "bytes" : "none");
  if (range) res.setHeader("content-range", contentRangeHeader(range, meta.size));
  res.setHeader("content-disposition", contentDisposition(inline ? "inline" : "attachment", presentation.fileName));
  res.setHeader("x-content-type-options", "nosniff");
  if (inline) {
    res.setHeader("content-security-policy", INLINE_CSP);
    res.setHeader("x-frame-options", "SAMEORIGIN");
  }
}

function sendNotModified(res: ServerResponse, meta: Pick<ContentMeta, "etag" | "lastModified">): void {
  res.statusCode = 304;
  setValidators(res, meta);
  res.end();
}

function sendUnsatisfiable(res: ServerResponse, size: number): void {
  res.setHeader("content-range", unsatisfiedRangeHeader(size));
  throw new AppError("RANGE_NOT_SATISFIABLE", { userMessage: `range not satisfiable: the file has ${size} bytes` });
}

function metaOf(content: FileContent): ContentMeta {
  return {
    size: content.size,
    etag: content.etag,
    lastModified: content.lastModified,
    contentType: content.contentType,
  };
}

/** Streams `body` to the client; a client hanging up mid-way is not an error of ours. */
async function streamBody(res: ServerResponse, content: FileContent): Promise<void> {
  try {
    await pipeline(content.body, res);
  } catch (error: unknown) {
    if (res.destroyed && (error as { code?: unknown }).code === "ERR_STREAM_PREMATURE_CLOSE") return;
    throw error;
  }
}

export async function sendFileContent(
  req: IncomingMessage,
  res: ServerResponse,
  source: ContentSource,
  presentation: Presentation,
): Promise<void> {
  const head = req.method === "HEAD";
  const asked = source.rangeable ? parseRangeHeader(req.headers.range) : null;
  const conditional = req.headers["if-none-match"] !== undefined || req.headers["if-modified-since"] !== undefined;
  let range: ByteRange | undefined;

  if (source.stat && (asked !== null || conditional || head)) {
    const meta = await source.stat();
    if (isNotModified(req, meta.etag, meta.lastModified)) return sendNotModified(res, meta);
    if (asked && rangeStillApplies(req, meta.etag, meta.lastModified)) {
      const resolved = resolveRange(asked, meta.size);
      if (resolved === "unsatisfiable") return sendUnsatisfiable(res, meta.size);
      range = resolved;
    }
    if (head) {
      setContentHeaders(res, meta, range, presentation, source.rangeable);
      res.end();
      return;
    }
  }

  let content = await source.read(range);
  if (!source.stat) {
    if (isNotModified(req, content.etag, content.lastModified)) {
      content.body.destroy();
      return sendNotModified(res, metaOf(content));
    }
    if (asked && rangeStillApplies(req, content.etag, content.lastModified)) {
      const resolved = resolveRange(asked, content.size);
      content.body.destroy();
      if (resolved === "unsatisfiable") return sendUnsatisfiable(res, content.size);
      content = await source.read(resolved);
    }
  }
  setContentHeaders(res, metaOf(content), content.range, presentation, source.rangeable);
  if (head) {
    content.body.destroy();
    res.end();
    return;
  }
  await streamBody(res, content);
}
