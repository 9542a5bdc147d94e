// Local stand-ins for a broken backend, over real sockets: one that refuses connections (a port
// nobody listens on), one that accepts and never answers, and a small HTTP server with a handler.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTcpServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface StubBackend {
  url: string;
  close: () => Promise<void>;
}

/** A URL on 127.0.0.1 whose port was just freed: connecting to it is refused. */
export async function refusingBackend(path = "/"): Promise<string> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}${path}`;
}

/** Accepts TCP connections and stays silent forever (a hung backend). */
export async function hangingBackend(path = "/"): Promise<StubBackend> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An HTTP server on 127.0.0.1 answering with the given handler. */
export async function httpBackend(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<StubBackend & { origin: string }> {
  const server = createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: origin,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
