/**
 * The institution's news feed (RSS 2.0 or Atom), as the portal's news module uses it: fetch with a
 * deadline and a size cap, parse, and map to plain-text titles and http(s)-only links.
 */
import "server-only";

export {
  fetchNewsFeed,
  NewsFeedError,
  NEWS_FEED_MAX_BYTES,
  type FetchNewsFeedOptions,
} from "@/integrations/news-feed/client";
export type { TNewsFeed, TNewsItem } from "@/integrations/news-feed/types";
