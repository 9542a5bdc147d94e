/**
 * From parsed feed documents to the portal's news types.
 *
 * Two protections live here rather than in the renderer, so that every consumer gets them:
 * - links keep only the http and https schemes (a feed could carry `javascript:` or `data:` URLs);
 * - titles become plain text (Atom allows `type="html"`; the portal never renders feed markup).
 */
import "server-only";
import {
  ZAtomEntry,
  ZRssItem,
  type TAtomDocument,
  type TFeedLink,
  type TFeedText,
  type TRssDocument,
} from "@/integrations/news-feed/schemas";
import type { TNewsFeed, TNewsItem } from "@/integrations/news-feed/types";

const MAX_TITLE_LENGTH = 300;

/** Resolves a link against the feed's URL and keeps it only if it is http(s). */
export function toSafeHttpUrl(value: string | undefined, baseUrl: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim(), baseUrl);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Feed text as one line of plain text; markup is removed when the feed says it is HTML. */
export function toPlainText(value: TFeedText | undefined): string {
  if (value === undefined) return "";
  const raw = typeof value === "string" ? value : (value["#text"] ?? "");
  const type = typeof value === "string" ? undefined : value["@_type"];
  const text = type === "html" || type === "xhtml" ? raw.replace(/<[^>]*>/g, " ") : raw;
  const oneLine = text
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return oneLine.length > MAX_TITLE_LENGTH ? `${oneLine.slice(0, MAX_TITLE_LENGTH - 1)}…` : oneLine;
}

/** RFC 822 (RSS) and ISO 8601 (Atom) dates alike; null when unparsable. */
export function toIsoDate(value: string | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function rssLink(links: TFeedLink[] | undefined): string | undefined {
  for (const link of links ?? []) {
    if (typeof link === "string") return link;
    // An `atom:link` inside an RSS item (namespace prefix removed by the parser).
    if (link["@_href"] && (link["@_rel"] ?? "alternate") === "alternate") return link["@_href"];
    if (link["#text"]) return link["#text"];
  }
  return undefined;
}

function atomLink(links: TFeedLink[] | undefined): string | undefined {
  const objects = (links ?? []).filter((link) => typeof link !== "string");
  const alternate = objects.find((link) => (link["@_rel"] ?? "alternate") === "alternate");
  return (alternate ?? objects[0])?.["@_href"];
}

export function reshapeRssDocument(document: TRssDocument, baseUrl: string): TNewsFeed {
  const items = document.rss.channel.item.flatMap((raw): TNewsItem[] => {
    const parsed = ZRssItem.safeParse(raw);
    if (!parsed.success) return [];
    const { title, link, guid, pubDate, date } = parsed.data;
    const permalink =
      typeof guid === "string" ? guid : guid && guid["@_isPermaLink"] !== "false" ? guid["#text"] : undefined;
    return [
      {
        title: toPlainText(title),
        url: toSafeHttpUrl(rssLink(link), baseUrl) ?? toSafeHttpUrl(permalink, baseUrl),
        publishedAt: toIsoDate(pubDate ?? date),
      },
    ];
  });
  const title = toPlainText(document.rss.channel.title);
  return { format: "rss", title: title || null, items: items.filter((item) => item.title.length > 0) };
}

export function reshapeAtomDocument(document: TAtomDocument, baseUrl: string): TNewsFeed {
  const items = document.feed.entry.flatMap((raw): TNewsItem[] => {
    const parsed = ZAtomEntry.safeParse(raw);
    if (!parsed.success) return [];
    const { title, link, published, updated } = parsed.data;
    return [
      {
        title: toPlainText(title),
        url: toSafeHttpUrl(atomLink(link), baseUrl),
        publishedAt: toIsoDate(published ?? updated),
      },
    ];
  });
  const title = toPlainText(document.feed.title);
  return { format: "atom", title: title || null, items: items.filter((item) => item.title.length > 0) };
}
