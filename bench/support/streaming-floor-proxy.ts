/**
 * The floor of any Node proxy, for the Files transfer benchmark: a bare node:http server that
 * pipes GET and PUT bodies (and MKCOL / MOVE / DELETE, for chunked upload v2) to and from one
 * WebDAV origin with undici's `request` and `stream.pipeline` — no session, no validation, no logging, nothing but the streaming a proxy
 * cannot avoid. Run as its own process (like the portal), so it does not share an event loop with
 * the benchmark's client.
 *
 *   tsx bench/support/streaming-floor-proxy.ts <upstream origin> <authorization header value>
 *
 * Prints `listening <port>` once ready. Requests for `/x` go to `<upstream origin>/x`.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline } from "node:stream/promises";
import { Agent, request, type Dispatcher } from "undici";

const [upstream, authorization] = process.argv.slice(2);
if (!upstream || !authorization) {
  process.stderr.write("usage: streaming-floor-proxy.ts <upstream origin> <authorization>\n");
  process.exit(2);
}

/** Request headers passed on besides Authorization and Content-Length. */
const FORWARDED = ["destination", "oc-total-length", "overwrite", "if-match", "content-type"] as const;

const dispatcher = new Agent({ connections: 16, bodyTimeout: 0, headersTimeout: 60_000 });

const server = createServer((req, res) => {
  const target = `${upstream}${req.url ?? "/"}`;
  const run = async (): Promise<void> => {
    if (req.method === "GET") {
      const answer = await request(target, { method: "GET", headers: { authorization }, dispatcher });
      const length = answer.headers["content-length"];
      res.writeHead(answer.statusCode, typeof length === "string" ? { "content-length": length } : {});
      await pipeline(answer.body, res);
      return;
    }
    // PUT, and the other methods of chunked upload v2 (MKCOL, MOVE, DELETE): the body streamed,
    // the few headers WebDAV and Nextcloud's chunking read passed on, the answer's body dropped.
    const length = req.headers["content-length"] ?? "0";
    const headers: Record<string, string> =
      length === "0" ? { authorization } : { authorization, "content-length": length };
    for (const name of FORWARDED) {
      const value = req.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const answer = await request(target, {
      method: req.method as Dispatcher.HttpMethod,
      headers,
      body: length === "0" ? null : req,
      dispatcher,
    });
    await answer.body.dump();
    res.writeHead(answer.statusCode, { "content-length": "0" });
    res.end();
  };
  run().catch(() => {
    if (!res.headersSent) res.writeHead(502, { "content-length": "0" });
    res.destroy();
  });
});

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`);
});
