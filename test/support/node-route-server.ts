// Serves node routes (server/http/node-routes.ts) on a real node:http server on an ephemeral
// loopback port, through the same dispatcher the portal uses (security headers, CSRF check, JSON
// errors); anything else answers 404. For integration tests of streaming routes.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeRouteDispatcher, type NodeRoute } from "@/server/http/node-routes";

export interface NodeRouteServer {
  origin: string;
  server: Server;
  close: () => Promise<void>;
}

export async function startNodeRouteServer(routes: readonly NodeRoute[]): Promise<NodeRouteServer> {
  const dispatch = createNodeRouteDispatcher(routes, (_req, res) => {
    res.statusCode = 404;
    res.end();
    return Promise.resolve();
  });
  const server = createServer((req, res) => {
    void dispatch(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
