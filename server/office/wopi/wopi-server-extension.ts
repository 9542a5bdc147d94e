/**
 * The WOPI host's routes on the portal's own HTTP server (before Next, so PutFile and GetFile
 * stream): everything under /wopi/. Listed once in server/http/server-extensions.ts. Without
 * WOPI_DISCOVERY_URL the prefix answers 503: there is no WOPI client to serve.
 */
import "server-only";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import type { NodeRoute } from "@/server/http/node-routes";
import type { ServerExtension } from "@/server/http/server-extensions";
import { WOPI_PREFIX } from "@/server/office/wopi/wopi-host";
import { wopiServices } from "@/server/office/wopi/wopi-services";

export const wopiRoute: NodeRoute = {
  prefix: WOPI_PREFIX,
  async handle(req, res, url) {
    const services = wopiServices(env());
    if (!services) {
      res.setHeader("connection", "close");
      throw new AppError("NOT_CONFIGURED", { userMessage: "no WOPI client is configured (WOPI_DISCOVERY_URL)" });
    }
    await services.host.route.handle(req, res, url);
  },
};

export const wopiServerExtension: ServerExtension = {
  id: "wopi",
  routes: () => [wopiRoute],
};
