/**
 * Lets the outer server process (server/main.ts, run by plain tsx) import modules marked
 * `import "server-only"`.
 *
 * Why: the `server-only` package throws unless resolved under the `react-server` condition; it
 * exists to stop server code from reaching a browser bundle. The outer process is a server by
 * definition, and the routes it serves outside Next (streamed file transfers, the collaboration
 * server) share the session, database and audit modules with the pages. Resolving the marker to
 * its empty module here, and only here, keeps the guard for every bundle Next builds (those are
 * resolved at build time and never see this hook).
 *
 * Import this module before anything that may import `server-only`.
 */
import { registerHooks } from "node:module";

/** The package's own empty module is not exported; an empty ES module is the same thing. */
const emptyModuleUrl = "data:text/javascript,export%20%7B%7D";

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === "server-only") return { url: emptyModuleUrl, shortCircuit: true };
    return nextResolve(specifier, context);
  },
});
