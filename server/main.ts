/**
 * Production entry point (`npm start`): validates the configuration, prepares the Next.js build and
 * serves it through the portal's own HTTP server (server/http/portal-server.ts).
 *
 * Run with plain `tsx`, never `--conditions=react-server`: that condition would make Next's own
 * renderer load the server build of React and break. Without it the `server-only` package throws
 * when imported, so this file and everything it imports statically stay free of it (env, metrics,
 * route labels, the request logger). Code that needs server-only modules runs inside Next.
 */
import path from "node:path";
import { ConfigError, parseEnv, type TEnv } from "@/server/env";

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
] = await Promise.all([
  import("next"),
  import("@/server/http/portal-server"),
  import("@/server/http/route-label"),
  import("@/server/http/request-logger"),
  import("@/server/http/close-open-database"),
]);

const logger = createServerLogger(config.LOG_LEVEL);

const app = next({ dev: false, dir: projectDir, hostname: config.HOST, port: config.PORT });
await app.prepare();

const portal = createPortalServer({
  host: config.HOST,
  port: config.PORT,
  handle: app.getRequestHandler(),
  fallbackUpgrade: app.getUpgradeHandler(),
  labeler: createRouteLabeler(
    readAppRoutes(path.join(projectDir, ".next")),
    readPublicFiles(path.join(projectDir, "public")),
  ),
  logger,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
});

// Hooks run last-registered first: the database closes after everything that may still use it.
portal.onShutdown(closeOpenDatabase);
portal.onShutdown(() => app.close());

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
