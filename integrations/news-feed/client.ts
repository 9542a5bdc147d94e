/**
 * Fetches and parses the institution's news feed (RSS 2.0 or Atom).
 *
 * The caller gives the URL (from configuration) and a signal; this never reads the request. Every
 * failure is a NewsFeedError whose message starts with `[news-feed]` and whose `reason` is a short
 * code safe to show in GET /api/ready (`http 503`, `response too large`, `invalid response`); the
 * underlying network error, if any, is its `cause`. The body is read as a stream and refused past
 * `maxBytes`, so a huge or endless answer cannot fill the memory.
 */
import "server-only";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { AppError } from "@/server/errors";
import { ZAtomDocument, ZRssDocument } from "@/integrations/news-feed/schemas";
import { reshapeAtomDocument, reshapeRssDocument } from "@/integrations/news-feed/mappers";
import type { TNewsFeed } from "@/integrations/news-feed/types";

/** 1 MiB: a news feed is a few dozen kilobytes; anything far larger is a mistake or an attack. */
export const NEWS_FEED_MAX_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 3;

export class NewsFeedError extends AppError {
  override name = "NewsFeedError";
  /** Short machine-readable reason (`http 404`, `response too large`, `invalid response`, `network error`). */
  readonly reason: string;
  /** The upstream HTTP status, when there was an answer. */
  readonly upstreamStatus: number | undefined;

  constructor(reason: string, options: { upstreamStatus?: number; cause?: unknown } = {}) {
    super("BACKEND_UNAVAILABLE", { message: `[news-feed] ${reason}`, cause: options.cause });
    this.reason = reason;
    this.upstreamStatus = options.upstreamStatus;
  }
}

export interface FetchNewsFeedOptions {
  url: string;
  /** Abort from the caller (the widget's or the health check's deadline). */
  signal?: AbortSignal;
  /** The client's own limit, whatever the caller's signal. */
  timeoutMs: number;
  maxBytes?: number;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  // Keep "2026" a string title, not a number.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // `dc:date`, `atom:link`, a default-namespaced `<feed>`: match by local name.
  removeNSPrefix: true,
  isArray: (tagName) => tagName === "item" || tagName === "entry" || tagName === "link",
  // DOCTYPE entities stay on for feeds that declare a few, but under tight limits (entity bombs).
  processEntities: {
    enabled: true,
    maxEntityCount: 20,
    maxEntitySize: 1000,
    maxTotalExpansions: 200,
    maxExpandedLength: 20_000,
  },
  maxNestedTags: 64,
});

async function fetchFollowingSameHostRedirects(
  url: string,
  signal: AbortSignal,
): Promise<{ response: Response; finalUrl: string }> {
  let current = new URL(url);
  for (let hop = 0; ; hop += 1) {
    const response = await fetch(current, {
      signal,
      redirect: "manual",
      headers: { accept: "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8" },
    });
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !location) return { response, finalUrl: current.href };
    await response.body?.cancel();
    // Only the configured host is ever reached: a redirect elsewhere would make the portal fetch a
    // URL nobody configured (and an http→https upgrade on the same host is the usual case).
    const next = new URL(location, current);
    if (hop >= MAX_REDIRECTS || next.hostname !== current.hostname || !/^https?:$/.test(next.protocol)) {
      throw new NewsFeedError("redirect refused", { upstreamStatus: response.status });
    }
    current = next;
  }
}

/** Reads at most maxBytes of the body, cancelling the stream as soon as it goes past. */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new NewsFeedError("response too large", { upstreamStatus: response.status });
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new NewsFeedError("response too large", { upstreamStatus: response.status });
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** The charset from Content-Type, else from the XML declaration, else UTF-8 (XML's default). */
function decode(body: Uint8Array, contentType: string | null): string {
  const head = new TextDecoder("latin1").decode(body.subarray(0, 200));
  const label =
    /charset="?([\w-]+)"?/i.exec(contentType ?? "")?.[1] ??
    /<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(head)?.[1] ??
    "utf-8";
  try {
    return new TextDecoder(label).decode(body);
  } catch {
    return new TextDecoder("utf-8").decode(body);
  }
}

function parseFeed(text: string, baseUrl: string): TNewsFeed {
  if (XMLValidator.validate(text) !== true) throw new NewsFeedError("invalid response");
  let document: unknown;
  try {
    document = parser.parse(text);
  } catch (error: unknown) {
    throw new NewsFeedError("invalid response", { cause: error });
  }
  const rss = ZRssDocument.safeParse(document);
  if (rss.success) return reshapeRssDocument(rss.data, baseUrl);
  const atom = ZAtomDocument.safeParse(document);
  if (atom.success) return reshapeAtomDocument(atom.data, baseUrl);
  throw new NewsFeedError("invalid response", { cause: atom.error });
}

export async function fetchNewsFeed(options: FetchNewsFeedOptions): Promise<TNewsFeed> {
  const signal = options.signal
    ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)])
    : AbortSignal.timeout(options.timeoutMs);
  try {
    const { response, finalUrl } = await fetchFollowingSameHostRedirects(options.url, signal);
    if (!response.ok) {
      await response.body?.cancel();
      throw new NewsFeedError(`http ${response.status}`, { upstreamStatus: response.status });
    }
    const body = await readCapped(response, options.maxBytes ?? NEWS_FEED_MAX_BYTES);
    return parseFeed(decode(body, response.headers.get("content-type")), finalUrl);
  } catch (error: unknown) {
    if (error instanceof NewsFeedError) throw error;
    // Aborts keep their TimeoutError/AbortError as the cause, network failures their errno code.
    throw new NewsFeedError(signal.aborted ? "timeout" : "network error", { cause: error });
  }
}
