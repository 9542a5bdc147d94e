/**
 * Downloads a file the Document Server offers (a saved document in a callback's `url`, a
 * conversion's `fileUrl`), streamed, from the Document Server only.
 *
 * Why so strict: the URL comes from a request body. Even signed, fetching any URL would make the
 * portal a proxy into the hospital's network (SSRF). So the URL must be on ONLYOFFICE_URL's
 * origin, and redirects are followed by hand only while they stay on that origin.
 */
import "server-only";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

export class DocumentServerDownloadError extends Error {
  override name = "DocumentServerDownloadError";
  constructor(
    readonly reason: "foreign-origin" | "http-status" | "too-many-redirects" | "no-body",
    readonly status?: number,
  ) {
    super(`[onlyoffice] download refused or failed: ${reason}${status ? ` ${status}` : ""}`);
  }
}

const MAX_REDIRECTS = 3;

/** True when `url` is an http(s) URL on the Document Server's origin. */
export function isOnDocumentServer(url: string, documentServerUrl: string): boolean {
  try {
    const target = new URL(url);
    return (
      (target.protocol === "http:" || target.protocol === "https:") &&
      target.origin === new URL(documentServerUrl).origin &&
      target.username === "" &&
      target.password === ""
    );
  } catch {
    return false;
  }
}

export interface DocumentServerFile {
  body: Readable;
  /** Content-Length when the Document Server sent one. */
  size: number | undefined;
}

export async function downloadFromDocumentServer(
  url: string,
  documentServerUrl: string,
  signal?: AbortSignal,
): Promise<DocumentServerFile> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    if (!isOnDocumentServer(current, documentServerUrl)) throw new DocumentServerDownloadError("foreign-origin");
    const response = await fetch(current, { redirect: "manual", signal });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get("location");
      if (!location) throw new DocumentServerDownloadError("http-status", response.status);
      current = new URL(location, current).toString();
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new DocumentServerDownloadError("http-status", response.status);
    }
    if (!response.body) throw new DocumentServerDownloadError("no-body");
    const length = Number(response.headers.get("content-length"));
    return {
      body: Readable.fromWeb(response.body as WebReadableStream<Uint8Array>),
      size: Number.isSafeInteger(length) && length >= 0 ? length : undefined,
    };
  }
  throw new DocumentServerDownloadError("too-many-redirects");
}
