/**
 * The news feed as the portal serves it: fetched once for everybody and reused for
 * NEWS_FEED_CACHE_SECONDS, because it is the same for every user and 50 dashboards a second must
 * not become 50 requests a second to the institution's web site.
 *
 * Concurrent callers share one fetch in flight. That fetch runs under its own timeout, not under
 * any caller's signal, so one caller's deadline cannot fail the others'; each caller still stops
 * waiting at its own deadline (its signal). Failures are not cached: the next caller retries.
 */
import "server-only";
import { fetchNewsFeed, type TNewsFeed } from "@/integrations/news-feed";

interface CacheEntry {
  feed: TNewsFeed;
  expiresAt: number;
}

const cache = new Map<string, CacheEntry>();
const inFlight = new Map<string, Promise<TNewsFeed>>();

export interface GetNewsFeedOptions {
  url: string;
  cacheSeconds: number;
  timeoutMs: number;
  signal: AbortSignal;
}

function waitOrAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

export function getNewsFeed({ url, cacheSeconds, timeoutMs, signal }: GetNewsFeedOptions): Promise<TNewsFeed> {
  if (cacheSeconds === 0) return fetchNewsFeed({ url, timeoutMs, signal });
  const cached = cache.get(url);
  if (cached && cached.expiresAt > Date.now()) return Promise.resolve(cached.feed);
  let pending = inFlight.get(url);
  if (!pending) {
    pending = fetchNewsFeed({ url, timeoutMs })
      .then((feed) => {
        cache.set(url, { feed, expiresAt: Date.now() + cacheSeconds * 1000 });
        return feed;
      })
      .finally(() => inFlight.delete(url));
    // A caller that stopped waiting must not leave the shared fetch's failure unhandled.
    pending.catch(() => undefined);
    inFlight.set(url, pending);
  }
  return waitOrAbort(pending, signal);
}

/** Forgets cached feeds (tests). */
export function clearNewsFeedCache(): void {
  cache.clear();
  inFlight.clear();
}
