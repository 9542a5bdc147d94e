/**
 * The portal's WOPI host in a process of its own, for bench/wopi-transfer.ts: the real node route
 * (server/office/wopi/wopi-server-extension.ts) behind the portal's real node-route dispatcher
 * (security headers, CSRF rule, JSON errors), on the configuration the harness passes (local
 * Files storage, PGlite in a temporary folder, WOPI_DISCOVERY_URL = the harness's WOPI client
 * double). It makes one user with a real session row, an empty `.docx` and an edit token, then
 * prints `WOPI-HOST-READY {json}`.
 *
 * A second, bench-only server on WOPI_BENCH_CONTROL_PORT runs the baselines in this same process:
 * the same storage written from / read into a plain Node file stream (no HTTP, no WOPI), timed
 * here (`/direct-put`, `/direct-get`), and the same storage calls behind a bare node:http handler
 * (`/floor-put`, `/floor-get`: the cost of HTTP itself, which no HTTP host can go below). Both
 * servers listen on 127.0.0.1 only.
 */
import "@/server/http/allow-server-only";
import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

async function main(): Promise<void> {
  const { env } = await import("@/server/env");
  const { db } = await import("@/server/db/client");
  const { users } = await import("@/server/db/schema");
  const { createSession, loadActiveSession } = await import("@/server/auth/sessions");
  const { getFileStorage } = await import("@/server/files/get-file-storage");
  const { parseUserPath } = await import("@/server/files/paths");
  const { createNodeRouteDispatcher } = await import("@/server/http/node-routes");
  const { wopiServerExtension } = await import("@/server/office/wopi/wopi-server-extension");
  const { wopiServices } = await import("@/server/office/wopi/wopi-services");

  const config = env();
  const database = await db();
  const [row] = await database.insert(users).values({ displayName: "Banc d'essai" }).returning({ id: users.id });
  if (!row) throw new Error("no user");
  const { secret } = await createSession({
    userId: row.id,
    provider: "demo",
    providerSubject: "bench",
    providerSid: null,
    authMethods: ["pwd"],
    acr: null,
    idToken: null,
    accessToken: null,
    refreshToken: null,
    accessTokenExpiresAt: null,
    userAgent: "bench",
    ip: null,
  });
  const user = await loadActiveSession(secret);
  if (!user) throw new Error("no session");
  const storage = getFileStorage();
  const context = { user };
  await storage.createFolder(context, parseUserPath("/Banc"));
  const file = await storage.write(context, parseUserPath("/Banc/transfert.docx"), Readable.from([]), { size: 0 });
  const services = wopiServices(config);
  if (!services) throw new Error("WOPI_DISCOVERY_URL is not set");
  const { token } = await services.tokens.issue({
    userId: user.id,
    sessionId: user.sessionId,
    fileId: file.id,
    permission: "edit",
  });

  const routes = wopiServerExtension.routes?.(config) ?? [];
  const dispatch = createNodeRouteDispatcher(routes, (_req, res) => {
    res.statusCode = 404;
    res.end();
    return Promise.resolve();
  });
  const server = createServer((req, res) => void dispatch(req, res));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(config.PORT, "127.0.0.1", resolve));

  const direct = parseUserPath("/Banc/direct.bin");
  const control = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://control.invalid");
      const started = performance.now();
      if (url.pathname === "/direct-put") {
        const source = url.searchParams.get("file") ?? "";
        const size = statSync(source).size;
        await storage.write(context, direct, createReadStream(source, { highWaterMark: 1024 * 1024 }), {
          size,
          overwrite: true,
        });
        res.end(JSON.stringify({ ms: performance.now() - started }));
        return;
      }
      // The HTTP floor: the same storage calls behind a bare node:http handler (no WOPI).
      if (url.pathname === "/floor-put") {
        const length = Number(req.headers["content-length"]);
        await storage.write(context, direct, req, { size: length, overwrite: true });
        res.end(JSON.stringify({ ok: true }));
        return;
      }
      if (url.pathname === "/floor-get") {
        const content = await storage.read(context, direct);
        res.writeHead(200, { "content-type": "application/octet-stream", "content-length": content.size });
        await pipeline(content.body, res);
        return;
      }
      if (url.pathname === "/direct-get") {
        const content = await storage.read(context, direct);
        const hash = createHash("sha256");
        await pipeline(content.body, async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) hash.update(chunk);
          yield* [];
        });
        res.end(JSON.stringify({ ms: performance.now() - started, sha256: hash.digest("hex") }));
        return;
      }
      res.statusCode = 404;
      res.end();
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) =>
    control.listen(Number(process.env.WOPI_BENCH_CONTROL_PORT), "127.0.0.1", resolve),
  );
  process.stdout.write(`WOPI-HOST-READY ${JSON.stringify({ fileId: file.id, token, pid: process.pid })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
