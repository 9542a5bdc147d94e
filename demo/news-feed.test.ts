// The demo feed must stay a feed the news module reads in full.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fetchNewsFeed } from "@/integrations/news-feed";
import { httpBackend, type StubBackend } from "@/test/support/stub-backends";

let backend: StubBackend & { origin: string };

beforeAll(async () => {
  const xml = readFileSync(path.join(import.meta.dirname, "news.xml"));
  backend = await httpBackend((_req, res) => {
    res.setHeader("content-type", "application/rss+xml; charset=utf-8");
    res.end(xml);
  });
});

afterAll(async () => {
  await backend.close();
});

it("demo/news.xml parses with a title, a link and a date for every item", async () => {
  const feed = await fetchNewsFeed({ url: `${backend.origin}/demo/news.xml`, timeoutMs: 2000 });
  expect(feed.items.length).toBeGreaterThanOrEqual(5);
  for (const item of feed.items) {
    expect(item.title.length).toBeGreaterThan(0);
    expect(item.url?.startsWith(`${backend.origin}/demo/actualites/`)).toBe(true);
    expect(item.publishedAt).not.toBeNull();
  }
});
