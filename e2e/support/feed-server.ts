/**
 * Stand-in for the institution's news feed (the portal's NEWS_FEED_URL) in the browser tests.
 *
 * It serves an RSS 2.0 document at /feed.xml and can be switched, through a control port, into
 * the two failures the dashboard must survive:
 * - `ok`     serves the feed (the items the test seeded);
 * - `hang`   accepts connections and requests and never answers;
 * - `refuse` closes the listening socket and every open connection, so that connecting is refused
 *            (ECONNREFUSED) — not an HTTP error. Switching back to `ok` listens again on the same port.
 *
 * The control API lives on its own port so it stays reachable while the feed port is closed:
 *   GET /health          200 "ok" (Playwright's webServer waits on it)
 *   GET /state           {"mode", "requests"} — requests = feed requests received so far
 *   PUT /mode            {"mode": "ok" | "hang" | "refuse"} — answers once the switch is done
 *   PUT /items           {"items": [{"title", "link"?, "pubDate"?}]} — what `ok` serves
 *
 * Run as a process: `tsx e2e/support/feed-server.ts` (FEED_PORT, FEED_CONTROL_PORT; 127.0.0.1).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { pathToFileURL } from "node:url";

export type FeedMode = "ok" | "hang" | "refuse";

export interface FeedItem {
  title: string;
  link?: string;
  /** RFC 822 date, as RSS wants it. */
  pubDate?: string;
}

export interface FeedServerOptions {
  host: string;
  feedPort: number;
  controlPort: number;
}

export interface RunningFeedServer {
  setMode(mode: FeedMode): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_ITEMS: FeedItem[] = [
  { title: "Ouverture du nouveau service de cardiologie", pubDate: "Mon, 23 Nov 2026 08:00:00 GMT" },
  { title: "Campagne de vaccination antigrippale du personnel", pubDate: "Fri, 20 Nov 2026 08:00:00 GMT" },
];

const MAX_CONTROL_BODY = 64 * 1024;

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function renderRss(items: readonly FeedItem[], selfOrigin: string): string {
  const entries = items
    .map((item) => {
      const link =
        item.link ?? `${selfOrigin}/news/${encodeURIComponent(item.title.toLowerCase().replace(/\s+/g, "-"))}`;
      const date = item.pubDate ? `<pubDate>${escapeXml(item.pubDate)}</pubDate>` : "";
      return `<item><title>${escapeXml(item.title)}</title><link>${escapeXml(link)}</link>${date}</item>`;
    })
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Actualités de l'établissement</title><link>${selfOrigin}/</link><description>Stand-in</description>${entries}</channel></rss>`;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive connections from the portal (undici pools them) would otherwise keep answering
    // "ok" after the port is closed, and hung requests would keep close() waiting forever.
    server.closeAllConnections();
  });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_CONTROL_BODY) throw new Error("control body too large");
    chunks.push(buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
}

function isFeedMode(value: unknown): value is FeedMode {
  return value === "ok" || value === "hang" || value === "refuse";
}

function parseItems(value: unknown): FeedItem[] | null {
  if (typeof value !== "object" || value === null || !("items" in value) || !Array.isArray(value.items)) return null;
  const items: FeedItem[] = [];
  for (const raw of value.items as unknown[]) {
    if (typeof raw !== "object" || raw === null) return null;
    const { title, link, pubDate } = raw as Record<string, unknown>;
    if (typeof title !== "string" || title.length === 0) return null;
    if (link !== undefined && typeof link !== "string") return null;
    if (pubDate !== undefined && typeof pubDate !== "string") return null;
    items.push({ title, link, pubDate });
  }
  return items;
}

export async function startFeedServer(options: FeedServerOptions): Promise<RunningFeedServer> {
  const { host, feedPort, controlPort } = options;
  const selfOrigin = `http://${host}:${feedPort}`;
  let mode: FeedMode = "ok";
  let items: FeedItem[] = DEFAULT_ITEMS;
  let feedRequests = 0;
  let listening = false;
  // Mode switches run one after the other: a close and a listen must never interleave.
  let switching: Promise<void> = Promise.resolve();

  const feed = createServer((req, res) => {
    feedRequests += 1;
    if (mode === "hang") {
      // Never answer; the socket is destroyed when the mode changes or the server closes.
      req.socket.setTimeout(0);
      return;
    }
    if (req.method !== "GET" || !req.url?.startsWith("/feed.xml")) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", "cache-control": "no-store" });
    res.end(renderRss(items, selfOrigin));
  });
  // No server-side timeouts: `hang` must hang for as long as the client is willing to wait.
  feed.requestTimeout = 0;
  feed.headersTimeout = 0;
  feed.keepAliveTimeout = 5_000;

  async function applyMode(next: FeedMode): Promise<void> {
    if (next === "refuse") {
      if (listening) {
        listening = false;
        await closeServer(feed);
      }
    } else {
      // Leaving `hang`: drop the requests it was holding, so they fail now rather than linger.
      if (mode === "hang" && listening) feed.closeAllConnections();
      if (!listening) {
        await listen(feed, feedPort, host);
        listening = true;
      }
    }
    mode = next;
  }

  function setMode(next: FeedMode): Promise<void> {
    switching = switching.then(() => applyMode(next));
    return switching;
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown): void => {
      res
        .writeHead(status, { "content-type": "application/json", "cache-control": "no-store" })
        .end(JSON.stringify(body));
    };
    if (req.method === "GET" && req.url === "/health") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    if (req.method === "GET" && req.url === "/state") {
      send(200, { mode, requests: feedRequests, listening });
      return;
    }
    if (req.method === "PUT" && req.url === "/mode") {
      const body = await readJson(req);
      const next = typeof body === "object" && body !== null && "mode" in body ? body.mode : undefined;
      if (!isFeedMode(next)) {
        send(400, { error: 'expected {"mode": "ok" | "hang" | "refuse"}' });
        return;
      }
      await setMode(next);
      send(200, { mode });
      return;
    }
    if (req.method === "PUT" && req.url === "/items") {
      const parsed = parseItems(await readJson(req));
      if (!parsed) {
        send(400, { error: 'expected {"items": [{"title": "…", "link"?: "…", "pubDate"?: "…"}]}' });
        return;
      }
      items = parsed;
      send(200, { items: items.length });
      return;
    }
    send(404, { error: "unknown control route" });
  }

  const control = createServer((req, res) => {
    handleControl(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: error instanceof Error ? error.message : "control failed" }));
    });
  });

  await setMode("ok");
  await listen(control, controlPort, host);

  return {
    setMode,
    async close() {
      await switching;
      if (listening) await closeServer(feed);
      listening = false;
      await closeServer(control);
    },
  };
}

function readPort(name: string): number {
  const port = Number(process.env[name]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a port number`);
  return port;
}

// Run directly (Playwright's webServer): listen until SIGTERM/SIGINT.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const running = await startFeedServer({
    host: "127.0.0.1",
    feedPort: readPort("FEED_PORT"),
    controlPort: readPort("FEED_CONTROL_PORT"),
  });
  process.stdout.write(
    `feed stand-in: feed on 127.0.0.1:${process.env.FEED_PORT}, control on 127.0.0.1:${process.env.FEED_CONTROL_PORT}\n`,
  );
  const stop = (): void => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
