/**
 * The portal's view of a news feed, whatever its format upstream (RSS 2.0 or Atom).
 */
import "server-only";

export interface TNewsItem {
  /** Plain text: markup in the feed's title is removed, and the portal renders it as text. */
  title: string;
  /** Absolute http(s) URL, or null when the feed gave none or gave another scheme. */
  url: string | null;
  /** ISO 8601, or null when the feed gave no parsable date. */
  publishedAt: string | null;
}

export interface TNewsFeed {
  format: "rss" | "atom";
  title: string | null;
  /** In the feed's order. */
  items: TNewsItem[];
}
