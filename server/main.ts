/**
 * Production entry point (`npm start`): validates the configuration, prepares the Next.js build and
 * serves it through the portal's own HTTP server (server/http/portal-server.ts).
 *
 * Run with plain `tsx`, never `--conditions=react-server`: that condition would make Next's own
 * renderer load the server build of React and break. The `server-only` marker, which throws
 * outside that condition, is resolved to an empty module for this process by the first import
 * (server/http/allow-server-only.ts), so the routes served here outside Next (streamed files, the
 * collaboration server: server/http/server-extensions.ts) share the session and database modules.
 */
import "@/server/http/allow-server-only";
import path from "node:path";
import { ConfigError, nextDistDir, parseEnv, type TEnv } from "@/server/env";

// A production entry serves the production build; default NODE_ENV before Next or React is loaded
// (both pick their build from it when first imported, hence the dynamic imports below). Next's
// types declare NODE_ENV read-only for application code; this entry is the one place that sets it.
if (process.env.NODE_ENV === undefined) Reflect.set(process.env, "NODE_ENV", "production");

function readConfigOrExit(): TEnv {
  try {
    return parseEnv(process.env);
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfigOrExit();
const projectDir = path.resolve(import.meta.dirname, "..");

const [
  { default: next },
  { createPortalServer },
  { createRouteLabeler, readAppRoutes, readPublicFiles },
  { createServerLogger },
  { closeOpenDatabase },
  { SERVER_EXTENSIONS },
  { createNodeRouteDispatcher },
] = await Promise.all([
  import("next"),
  import("@/server/http/portal-server"),
  import("@/server/http/route-label"),
  import("@/server/http/request-logger"),
  import("@/server/http/close-open-database"),
  import("@/server/http/server-extensions"),
  import("@/server/http/node-routes"),
]);

const logger = createServerLogger(config.LOG_LEVEL);

const app = next({ dev: false, dir: projectDir, hostname: config.HOST, port: config.PORT });
await app.prepare();

const portal = createPortalServer({
  host: config.HOST,
  port: config.PORT,
  // Streaming routes (file transfers, server-sent events) are answered before Next, which buffers bodies.
  handle: createNodeRouteDispatcher(
    SERVER_EXTENSIONS.flatMap((extension) => extension.routes?.(config) ?? []),
    app.getRequestHandler(),
  ),
  fallbackUpgrade: app.getUpgradeHandler(),
  labeler: createRouteLabeler(
    readAppRoutes(path.join(projectDir, nextDistDir())),
    readPublicFiles(path.join(projectDir, "public")),
  ),
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
});

// Hooks run last-registered first: the database closes after everything that may still use it.
portal.onShutdown(closeOpenDatabase);
portal.onShutdown(() => app.close());
for (const extension of SERVER_EXTENSIONS) await extension.attach?.(portal, config);

let signals = 0;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    signals += 1;
    // A second Ctrl-C means "now": do not wait for the drain.
    if (signals > 1) process.exit(1);
    portal.shutdown(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  });
}

const address = await portal.listen();
logger.info({ host: address.address, port: address.port, env: config.NODE_ENV }, "portal listening");
