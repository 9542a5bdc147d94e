/**
 * The Files module's routes served by the portal's own HTTP server, before Next: everything that
 * moves file bytes (Next buffers request bodies and its proxy truncates them past 10 MB) and the
 * public share API, which has no session. The JSON routes (listing, moves, shares…) are Next route
 * handlers under app/api/files/.
 *
 * Each route is wrapped so that an error answered before its request body was read closes the
 * connection: otherwise Node would read and discard the rest of a refused upload (possibly
 * gigabytes) to keep the connection alive.
 */
import "server-only";
import type { NodeRoute } from "@/server/http/node-routes";
import type { ServerExtension } from "@/server/http/server-extensions";
import { contentRoute } from "@/server/files/http/content-route";
import { previewRoute } from "@/server/files/http/preview-route";
import { publicSharesRoute } from "@/server/files/http/public/public-shares-route";
import { uploadsRoutes } from "@/server/files/http/uploads-route";
import { versionContentRoute } from "@/server/files/http/version-content-route";
import { zipRoute } from "@/server/files/http/zip-route";

function closingOnEarlyError(route: NodeRoute): NodeRoute {
  return {
    prefix: route.prefix,
    handle: async (req, res, url) => {
      try {
        await route.handle(req, res, url);
      } catch (error: unknown) {
        if (!req.complete && !res.headersSent) res.setHeader("connection", "close");
        throw error;
      }
    },
  };
}

export const FILES_NODE_ROUTES: readonly NodeRoute[] = [
  contentRoute,
  ...uploadsRoutes,
  zipRoute,
  previewRoute,
  versionContentRoute,
  publicSharesRoute,
].map(closingOnEarlyError);

export const filesServerExtension: ServerExtension = {
  id: "files",
  routes: () => FILES_NODE_ROUTES,
};
