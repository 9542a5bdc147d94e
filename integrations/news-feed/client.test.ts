import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchNewsFeed, NewsFeedError } from "@/integrations/news-feed";
import { httpBackend, hangingBackend, refusingBackend, type StubBackend } from "@/test/support/stub-backends";
import { describeFailure } from "@/server/modules/describe-failure";

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Actualités du CH</title>
    <link>https://ch.example/</link>
    <atom:link href="https://ch.example/feed.xml" rel="self" type="application/rss+xml"/>
    <item>
      <title>Ouverture du nouveau service d&apos;urgences</title>
      <link>https://ch.example/actu/urgences</link>
      <pubDate>Mon, 02 Mar 2026 08:30:00 +0100</pubDate>
    </item>
    <item>
      <title><![CDATA[Campagne de vaccination <b>antigrippale</b>]]></title>
      <link>javascript:alert(1)</link>
      <guid isPermaLink="false">abc-123</guid>
      <dc:date>2026-02-20T10:00:00Z</dc:date>
    </item>
    <item>
      <title>Relative link</title>
      <link>/actu/relative</link>
    </item>
    <item>
      <title>2026</title>
      <guid>https://ch.example/actu/guid-permalink</guid>
      <pubDate>not a date</pubDate>
    </item>
    <item></item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">Fil Atom</title>
  <entry>
    <title type="html">Journée &lt;em&gt;portes ouvertes&lt;/em&gt;</title>
    <link rel="alternate" href="https://ch.example/actu/jpo"/>
    <link rel="enclosure" href="https://ch.example/jpo.pdf"/>
    <updated>2026-03-01T09:00:00Z</updated>
  </entry>
  <entry>
    <title>Data link</title>
    <link href="data:text/html,hi"/>
    <published>2026-01-01T00:00:00Z</published>
  </entry>
</feed>`;

const LATIN1_RSS = Buffer.from(
  `<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>x</title><item><title>Pédiatrie</title></item></channel></rss>`,
  "latin1",
);

let backend: StubBackend & { origin: string };

beforeAll(async () => {
  backend = await httpBackend((req, res) => {
    switch (req.url) {
      case "/rss.xml":
        res.setHeader("content-type", "application/rss+xml; charset=utf-8");
        res.end(RSS);
        return;
      case "/atom.xml":
        res.setHeader("content-type", "application/atom+xml");
        res.end(ATOM);
        return;
      case "/latin1.xml":
        res.setHeader("content-type", "text/xml");
        res.end(LATIN1_RSS);
        return;
      case "/big-declared.xml":
        res.setHeader("content-length", String(2 * 1024 * 1024));
        res.write("<rss>");
        return; // never finishes: the client must refuse on the header alone
      case "/big-streamed.xml": {
        // No Content-Length: chunks until the client hangs up.
        const chunk = "<!-- ".padEnd(64 * 1024, "x") + " -->";
        const push = (): void => {
          if (res.destroyed) return;
          if (res.write(chunk)) setImmediate(push);
          else res.once("drain", push);
        };
        res.on("error", () => undefined);
        push();
        return;
      }
      case "/malformed.xml":
        res.end("<rss><channel><title>oops</channel>");
        return;
      case "/html.html":
        res.setHeader("content-type", "text/html");
        res.end("<html><body>Not a feed</body></html>");
        return;
      case "/missing.xml":
        res.statusCode = 404;
        res.end("nope");
        return;
      case "/redirect-same-host":
        res.statusCode = 301;
        res.setHeader("location", "/rss.xml");
        res.end();
        return;
      case "/redirect-elsewhere":
        res.statusCode = 302;
        res.setHeader("location", "http://localhost.invalid/rss.xml");
        res.end();
        return;
      case "/entity-bomb.xml": {
        const entities = Array.from({ length: 10 }, (_, i) => `<!ENTITY e${i + 1} "${`&e${i};`.repeat(10)}">`).join("");
        res.end(
          `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e0 "lol">${entities}]><rss><channel><title>&e10;</title></channel></rss>`,
        );
        return;
      }
      default:
        res.statusCode = 404;
        res.end();
    }
  });
});

afterAll(async () => {
  await backend.close();
});

async function failure(promise: Promise<unknown>): Promise<NewsFeedError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(NewsFeedError);
  if (!(error instanceof NewsFeedError)) throw new Error("expected a NewsFeedError");
  expect(error.message.startsWith("[news-feed] ")).toBe(true);
  return error;
}

describe("fetchNewsFeed", () => {
  it("reads an RSS 2.0 feed: plain-text titles, http(s) links only, dates in ISO", async () => {
    const feed = await fetchNewsFeed({ url: `${backend.origin}/rss.xml`, timeoutMs: 2000 });
    expect(feed.format).toBe("rss");
    expect(feed.title).toBe("Actualités du CH");
    expect(feed.items).toEqual([
      {
        title: "Ouverture du nouveau service d'urgences",
        url: "https://ch.example/actu/urgences",
        publishedAt: "2026-03-02T07:30:00.000Z",
      },
      // CDATA is text: the tags stay visible characters, rendered as text by React, never as HTML.
      { title: "Campagne de vaccination <b>antigrippale</b>", url: null, publishedAt: "2026-02-20T10:00:00.000Z" },
      { title: "Relative link", url: `${backend.origin}/actu/relative`, publishedAt: null },
      { title: "2026", url: "https://ch.example/actu/guid-permalink", publishedAt: null },
    ]);
  });

  it("reads an Atom feed: alternate link, HTML titles flattened to text, non-http links dropped", async () => {
    const feed = await fetchNewsFeed({ url: `${backend.origin}/atom.xml`, timeoutMs: 2000 });
    expect(feed.format).toBe("atom");
    expect(feed.title).toBe("Fil Atom");
    expect(feed.items).toEqual([
      { title: "Journée portes ouvertes", url: "https://ch.example/actu/jpo", publishedAt: "2026-03-01T09:00:00.000Z" },
      { title: "Data link", url: null, publishedAt: "2026-01-01T00:00:00.000Z" },
    ]);
  });

  it("decodes the charset the XML declaration names", async () => {
    const feed = await fetchNewsFeed({ url: `${backend.origin}/latin1.xml`, timeoutMs: 2000 });
    expect(feed.items[0]?.title).toBe("Pédiatrie");
  });

  it("follows a redirect on the same host and refuses one to another host", async () => {
    const feed = await fetchNewsFeed({ url: `${backend.origin}/redirect-same-host`, timeoutMs: 2000 });
    expect(feed.items).toHaveLength(4);
    const error = await failure(fetchNewsFeed({ url: `${backend.origin}/redirect-elsewhere`, timeoutMs: 2000 }));
    expect(error.reason).toBe("redirect refused");
  });

  it("refuses a body declared larger than the cap without reading it", async () => {
    const error = await failure(fetchNewsFeed({ url: `${backend.origin}/big-declared.xml`, timeoutMs: 2000 }));
    expect(error.reason).toBe("response too large");
  });

  it("stops reading a streamed body once it passes the cap", async () => {
    const started = performance.now();
    const error = await failure(fetchNewsFeed({ url: `${backend.origin}/big-streamed.xml`, timeoutMs: 5000 }));
    expect(error.reason).toBe("response too large");
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("refuses malformed XML and a document that is not a feed", async () => {
    for (const path of ["/malformed.xml", "/html.html"]) {
      const error = await failure(fetchNewsFeed({ url: `${backend.origin}${path}`, timeoutMs: 2000 }));
      expect(error.reason, path).toBe("invalid response");
    }
  });

  it("does not expand an entity bomb (10^10 copies if it did)", async () => {
    const feed = await fetchNewsFeed({ url: `${backend.origin}/entity-bomb.xml`, timeoutMs: 2000 });
    expect(feed.title?.length ?? 0).toBeLessThan(100);
  });

  it("keeps the upstream status of an HTTP error", async () => {
    const error = await failure(fetchNewsFeed({ url: `${backend.origin}/missing.xml`, timeoutMs: 2000 }));
    expect(error.reason).toBe("http 404");
    expect(error.upstreamStatus).toBe(404);
  });

  it("reports a refused connection and a silent backend with safe reasons", async () => {
    const refused = await failure(fetchNewsFeed({ url: await refusingBackend("/feed.xml"), timeoutMs: 2000 }));
    expect(describeFailure(refused)).toBe("connection refused");
    expect(refused.message).not.toContain("127.0.0.1");

    const silent = await hangingBackend("/feed.xml");
    try {
      const started = performance.now();
      const timedOut = await failure(fetchNewsFeed({ url: silent.url, timeoutMs: 300 }));
      expect(performance.now() - started).toBeLessThan(1500);
      expect(timedOut.reason).toBe("timeout");
      expect(describeFailure(timedOut)).toBe("timeout");
    } finally {
      await silent.close();
    }
  });
});
