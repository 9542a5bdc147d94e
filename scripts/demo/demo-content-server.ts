/**
 * The demo's stand-in for the institution's intranet: serves the demo news feed
 * (demo/news.xml, French, fictitious) at /demo/news.xml and a short page for each news item, on
 * 127.0.0.1 and an ephemeral port. The launcher points NEWS_FEED_URL at it unless the user set
 * their own feed. Demo only: nothing here runs in a deployment.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

export interface DemoContentServer {
  feedUrl: string;
  close: () => Promise<void>;
}

const ITEM_PATH = /^\/demo\/actualites\/([a-z0-9-]{1,80})$/;

function itemPage(slug: string): string {
  const title = slug.replace(/-/g, " ");
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Actualité de démonstration</title></head><body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem"><main><h1>Actualité de démonstration : ${title}</h1><p>Ce contenu est fictif : il illustre le flux d'actualités de l'établissement dans la démonstration du portail.</p></main></body></html>`;
}

export async function startDemoContentServer(projectDir: string): Promise<DemoContentServer> {
  const feed = await readFile(path.join(projectDir, "demo", "news.xml"));
  const server: Server = createServer((request, response) => {
    const url = request.url ?? "/";
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    if (url === "/demo/news.xml") {
      response.writeHead(200, { "content-type": "application/rss+xml; charset=utf-8", "cache-control": "max-age=60" });
      response.end(request.method === "HEAD" ? undefined : feed);
      return;
    }
    const item = ITEM_PATH.exec(url);
    if (item?.[1]) {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8", "x-content-type-options": "nosniff" });
      response.end(request.method === "HEAD" ? undefined : itemPage(item[1]));
      return;
    }
    response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    feedUrl: `http://127.0.0.1:${port}/demo/news.xml`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
