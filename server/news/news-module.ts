/**
 * The news module: the institution's news feed (RSS 2.0 or Atom at NEWS_FEED_URL) as a "latest
 * news" dashboard widget. No navigation entry: the news live on the institution's own site, the
 * widget links there. Enabled when NEWS_FEED_URL is set.
 *
 * It is also the portal's reference module with a real backend that can fail: see how `load`
 * passes its signal on and lets errors propagate (loadWidget turns them into the widget's error
 * state), and how `health` reports the backend for GET /api/ready.
 */
import "server-only";
import { AppError } from "@/server/errors";
import { env } from "@/server/env";
import { parseLocale, TIME_ZONE } from "@/i18n/locales";
import { getTranslations } from "@/server/i18n/get-translations";
import type { PortalModule } from "@/server/modules/types";
import type { TNewsItem } from "@/integrations/news-feed";
import { fetchNewsFeed } from "@/integrations/news-feed";
import { getNewsFeed } from "@/server/news/get-news-feed";
import { NewsWidget, type NewsWidgetData } from "@/components/news/news-widget";

export const NEWS_WIDGET_MAX_ITEMS = 5;

/** Newest first; undated items keep their feed order after the dated ones. */
export function pickLatestNews(items: readonly TNewsItem[], max = NEWS_WIDGET_MAX_ITEMS): TNewsItem[] {
  const dated = items.filter((item) => item.publishedAt !== null);
  const undated = items.filter((item) => item.publishedAt === null);
  dated.sort((a, b) => (b.publishedAt ?? "").localeCompare(a.publishedAt ?? ""));
  return [...dated, ...undated].slice(0, max);
}

export const newsModule: PortalModule<NewsWidgetData> = {
  id: "news",
  isEnabled: (config) => config.NEWS_FEED_URL !== undefined,
  widget: {
    titleKey: "news",
    Component: NewsWidget,
    async load({ locale, signal }) {
      const config = env();
      const url = config.NEWS_FEED_URL;
      if (!url) throw new AppError("NOT_CONFIGURED", { message: "[news-feed] NEWS_FEED_URL is not set" });
      const language = parseLocale(locale);
      const [feed, t] = await Promise.all([
        getNewsFeed({ url, cacheSeconds: config.NEWS_FEED_CACHE_SECONDS, timeoutMs: config.WIDGET_TIMEOUT_MS, signal }),
        getTranslations("news", language),
      ]);
      const dates = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: TIME_ZONE });
      return {
        items: pickLatestNews(feed.items).map((item) => ({
          title: item.title,
          url: item.url,
          dateTime: item.publishedAt,
          date: item.publishedAt ? dates.format(new Date(item.publishedAt)) : null,
        })),
        labels: { listLabel: t("listLabel"), empty: t("empty"), newTab: t("newTab") },
      };
    },
  },
  // Fetches and parses the feed for real (bypassing the cache): "up" means the widget would work.
  async health(config, signal) {
    if (!config.NEWS_FEED_URL) return { state: "down", reason: "not configured" };
    await fetchNewsFeed({ url: config.NEWS_FEED_URL, timeoutMs: config.READY_CHECK_TIMEOUT_MS, signal });
    return { state: "up" };
  },
};
