/**
 * The HTTP fallback of the collaboration connection, for networks that block WebSockets: the same
 * Hocuspocus messages, server-sent events down and POSTs up. The server side hands Hocuspocus a
 * WebSocket-like object per event stream (`connect`), so the protocol, authentication and limits
 * are exactly those of the WebSocket.
 *
 *   GET  /collab/http/<documentId>/events
 *        text/event-stream. First event `open` with data {"connection":"<id>"}; then one event per
 *        server message, data = base64 of the binary message; `close` with {"code","reason"}
 *        before the server ends the stream; a comment line every 15 s keeps proxies from timing out.
 *   POST /collab/http/<documentId>/messages?connection=<id>
 *        application/octet-stream: one or more client messages, each as lib0 varUint8Array
 *        (varUint length, then the bytes). 204 when delivered; 404 when the connection is gone
 *        (the client reconnects). A client sends its POSTs one at a time, which keeps them in order.
 *
 * Several processes: the connection id starts with the id of the process holding the stream. A
 * POST that lands on another process is relayed to it through Redis (cluster-bus.ts), so the load
 * balancer needs no affinity for the fallback (hashing the document id in the path still keeps a
 * document's participants on one process, which is cheaper).
 */
import "server-only";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { WebSocketLike } from "@hocuspocus/server";
import type { CollabConnection, CollabServer } from "@/server/collab/collab-server";
import type { ClusterBus } from "@/server/collab/cluster-bus";
import { AppError } from "@/server/errors";
import type { NodeRoute } from "@/server/http/node-routes";

export const FALLBACK_PREFIX = "/collab/http/";
const HEARTBEAT_MS = 15_000;
const CONNECTION_PATTERN = /^(collab-[0-9a-f-]{36})~[0-9a-f-]{36}$/;
const PATH_PATTERN =
  /^\/collab\/http\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/(events|messages)$/;

const OPEN = 1;
const CLOSED = 3;

interface StreamConnection {
  connection: CollabConnection;
  transport: WebSocketLike;
}

export interface HttpFallback {
  route: NodeRoute;
  /** Delivers relayed upstream messages to a connection held here; false if unknown. */
  deliver(connectionId: string, body: Uint8Array): boolean;
  /** Open event streams (tests, diagnostics). */
  openStreams(): number;
  /** Ends every event stream (shutdown: clients reconnect, to another process if there is one). */
  closeAll(code: number, reason: string): void;
}

/** Splits a POST body into its varUint8Array-framed messages; throws a 400 when malformed. */
export function decodeFramedMessages(body: Uint8Array): Uint8Array[] {
  const messages: Uint8Array[] = [];
  let offset = 0;
  while (offset < body.length) {
    let length = 0;
    let shift = 0;
    for (;;) {
      const byte = body[offset];
      if (byte === undefined || shift > 28)
        throw new AppError("BAD_REQUEST", { userMessage: "malformed message framing" });
      offset += 1;
      length += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
      shift += 7;
    }
    if (length === 0 || offset + length > body.length)
      throw new AppError("BAD_REQUEST", { userMessage: "malformed message framing" });
    messages.push(body.subarray(offset, offset + length));
    offset += length;
  }
  return messages;
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers["content-length"] ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes)
    throw new AppError("PAYLOAD_TOO_LARGE", { userMessage: `messages larger than ${maxBytes} bytes` });
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > maxBytes) {
      req.destroy();
      throw new AppError("PAYLOAD_TOO_LARGE", { userMessage: `messages larger than ${maxBytes} bytes` });
    }
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

export function createHttpFallback(
  server: CollabServer,
  options: { maxBodyBytes: number; bus: () => ClusterBus | null },
): HttpFallback {
  const streams = new Map<string, StreamConnection>();

  const openStream = (req: IncomingMessage, res: ServerResponse): void => {
    const connectionId = `${server.instanceId}~${randomUUID()}`;
    res.statusCode = 200;
    res.setHeader("content-type", "text/event-stream; charset=utf-8");
    res.setHeader("cache-control", "no-store, no-transform");
    // nginx and similar proxies: do not buffer the stream.
    res.setHeader("x-accel-buffering", "no");
    res.flushHeaders();
    req.socket.setNoDelay(true);

    let readyState = OPEN;
    const transport: WebSocketLike = {
      get readyState() {
        return readyState;
      },
      send(data) {
        if (readyState !== OPEN) return;
        const bytes = data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer);
        res.write(`data: ${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64")}\n\n`);
      },
      close(code, reason) {
        if (readyState !== OPEN) return;
        readyState = CLOSED;
        res.end(`event: close\ndata: ${JSON.stringify({ code: code ?? 1000, reason: reason ?? "" })}\n\n`);
        finish(code, reason);
      },
    };
    const connection = server.connect(transport, new Request(`http://portal.invalid${req.url ?? "/"}`));
    streams.set(connectionId, { connection, transport });
    res.write(`event: open\ndata: ${JSON.stringify({ connection: connectionId })}\n\n`);

    const heartbeat = setInterval(() => res.write(": keep-alive\n\n"), HEARTBEAT_MS);
    let finished = false;
    function finish(code?: number, reason?: string): void {
      if (finished) return;
      finished = true;
      readyState = CLOSED;
      clearInterval(heartbeat);
      streams.delete(connectionId);
      connection.closed(code ?? 1001, reason ?? "stream closed");
    }
    res.once("close", () => finish());
  };

  const deliver = (connectionId: string, body: Uint8Array): boolean => {
    const stream = streams.get(connectionId);
    if (!stream) return false;
    for (const message of decodeFramedMessages(body)) stream.connection.receive(message);
    return true;
  };

  const receive = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const connectionId = url.searchParams.get("connection") ?? "";
    const match = CONNECTION_PATTERN.exec(connectionId);
    if (!match) throw new AppError("BAD_REQUEST", { userMessage: "connection: expected the id from the open event" });
    const type = req.headers["content-type"] ?? "";
    if (!type.startsWith("application/octet-stream"))
      throw new AppError("UNSUPPORTED_MEDIA_TYPE", { userMessage: "expected application/octet-stream" });
    const body = await readBody(req, options.maxBodyBytes);
    // Validate the framing here, whichever process ends up applying the messages.
    decodeFramedMessages(body);
    if (!deliver(connectionId, body)) {
      const holder = match[1] ?? "";
      const bus = options.bus();
      if (holder === server.instanceId || !bus)
        throw new AppError("NOT_FOUND", { userMessage: "connection closed: open a new one" });
      await bus.publishFallbackMessages(holder, connectionId, body);
    }
    res.statusCode = 204;
    res.setHeader("cache-control", "no-store");
    res.end();
  };

  return {
    deliver,
    openStreams: () => streams.size,
    closeAll(code, reason) {
      for (const { transport } of [...streams.values()]) transport.close(code, reason);
    },
    route: {
      prefix: FALLBACK_PREFIX,
      async handle(req, res, url) {
        const match = PATH_PATTERN.exec(url.pathname);
        if (!match) throw new AppError("NOT_FOUND", { userMessage: "no such collaboration endpoint" });
        const method = req.method ?? "GET";
        if (match[2] === "events") {
          if (method !== "GET") throw new AppError("BAD_REQUEST", { userMessage: "events: use GET" });
          openStream(req, res);
          return;
        }
        if (method !== "POST") throw new AppError("BAD_REQUEST", { userMessage: "messages: use POST" });
        await receive(req, res, url);
      },
    },
  };
}
