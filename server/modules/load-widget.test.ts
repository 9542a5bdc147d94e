import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TEST_PORTAL_USER } from "@/test/support/test-portal-user";
import type { PortalModule } from "@/server/modules/types";
import { setTestEnv } from "@/test/support/test-env";
import { hangingBackend, httpBackend, refusingBackend, type StubBackend } from "@/test/support/stub-backends";

const user = TEST_PORTAL_USER;

const DEADLINE_MS = 600;
/** Slack for timers and socket teardown on a busy CI machine. */
const SLACK_MS = 400;

const RSS = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>CH</title>
${Array.from({ length: 7 }, (_, i) => `<item><title>Actualité ${i + 1}</title><link>https://ch.example/a/${i + 1}</link><pubDate>${new Date(Date.UTC(2026, 2, i + 1, 9)).toUTCString()}</pubDate></item>`).join("")}
<item><title>Lien piégé</title><link>javascript:alert(document.cookie)</link><pubDate>Tue, 31 Mar 2026 09:00:00 GMT</pubDate></item>
</channel></rss>`;

/** A module whose backend answers at once: it must not wait for a broken neighbour. */
const fastModule: PortalModule<{ answer: number }> = {
  id: "fast",
  isEnabled: () => true,
  widget: { titleKey: "fast", Component: () => null, load: async () => ({ answer: 42 }) },
};

/** Fresh configuration and modules for one backend URL (env() parses once per module instance). */
async function withNewsFeed(url: string) {
  vi.resetModules();
  setTestEnv({ NEWS_FEED_URL: url, WIDGET_TIMEOUT_MS: String(DEADLINE_MS), NEWS_FEED_CACHE_SECONDS: "0" });
  const { loadWidget } = await import("@/server/modules/load-widget");
  const { newsModule } = await import("@/server/news/news-module");
  return { loadWidget, newsModule };
}

async function timed<T>(promise: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await promise;
  return { value, ms: performance.now() - started };
}

describe("loadWidget", () => {
  let silent: StubBackend;
  let feed: StubBackend & { origin: string };

  beforeAll(async () => {
    silent = await hangingBackend("/feed.xml");
    feed = await httpBackend((_req, res) => {
      res.setHeader("content-type", "application/rss+xml");
      res.end(RSS);
    });
  });

  afterAll(async () => {
    await silent.close();
    await feed.close();
  });

  it("shows the news widget's error state when its backend refuses connections, without holding a fast module", async () => {
    const { loadWidget, newsModule } = await withNewsFeed(await refusingBackend("/feed.xml"));
    const [news, fast] = await Promise.all([
      timed(loadWidget(newsModule, { user, locale: "fr" })),
      timed(loadWidget(fastModule, { user, locale: "fr" })),
    ]);
    expect(news.value).toEqual({ state: "error", reason: "connection refused" });
    expect(news.ms).toBeLessThan(DEADLINE_MS);
    expect(fast.value).toEqual({ state: "ok", data: { answer: 42 } });
  });

  it("gives up on a backend that never answers at the deadline, while a fast module answers at once", async () => {
    const { loadWidget, newsModule } = await withNewsFeed(silent.url);
    const [news, fast] = await Promise.all([
      timed(loadWidget(newsModule, { user, locale: "fr" })),
      timed(loadWidget(fastModule, { user, locale: "fr" })),
    ]);
    expect(news.value).toEqual({ state: "timeout" });
    expect(news.ms).toBeGreaterThanOrEqual(DEADLINE_MS - 20);
    expect(news.ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    expect(fast.value.state).toBe("ok");
    expect(fast.ms).toBeLessThan(100);
  });

  it("keeps the deadline even for a load that ignores its signal, and catches a load that throws at once", async () => {
    const { loadWidget } = await withNewsFeed(silent.url);
    const deaf: PortalModule<never> = {
      id: "deaf",
      isEnabled: () => true,
      widget: { titleKey: "deaf", Component: () => null, load: () => new Promise<never>(() => undefined) },
    };
    const throwing: PortalModule<never> = {
      id: "throwing",
      isEnabled: () => true,
      widget: {
        titleKey: "throwing",
        Component: () => null,
        load: () => {
          throw new Error("boom at db.internal.example:5432");
        },
      },
    };
    const deafResult = await timed(loadWidget(deaf, { user, locale: "fr", timeoutMs: 200 }));
    expect(deafResult.value).toEqual({ state: "timeout" });
    expect(deafResult.ms).toBeLessThan(200 + SLACK_MS);
    // The reason is a code, never the error's text (which named a host here).
    expect(await loadWidget(throwing, { user, locale: "fr" })).toEqual({ state: "error", reason: "unavailable" });
  });

  it("loads the five latest items, newest first, with translated labels and no unsafe link", async () => {
    const { loadWidget, newsModule } = await withNewsFeed(`${feed.origin}/feed.xml`);
    const result = await loadWidget(newsModule, { user, locale: "fr" });
    if (result.state !== "ok") throw new Error(`expected ok, got ${JSON.stringify(result)}`);
    expect(result.data.items.map((item) => item.title)).toEqual([
      "Lien piégé",
      "Actualité 7",
      "Actualité 6",
      "Actualité 5",
      "Actualité 4",
    ]);
    expect(result.data.items[0]?.url).toBeNull();
    expect(result.data.items[1]).toEqual({
      title: "Actualité 7",
      url: "https://ch.example/a/7",
      dateTime: "2026-03-07T09:00:00.000Z",
      date: "7 mars 2026",
    });
    expect(result.data.labels.empty).toBe("Aucune actualité pour le moment.");

    const english = await loadWidget(newsModule, { user, locale: "en" });
    if (english.state !== "ok") throw new Error("expected ok");
    expect(english.data.items[1]?.date).toBe("March 7, 2026");
    expect(english.data.labels.newTab).toBe("(opens in a new tab)");
  });
});
