/**
 * A WebSocket look-alike that carries the collaboration messages over plain HTTP, for networks
 * that block WebSockets: server-sent events down (read with fetch and a streaming body, so binary
 * messages arrive as base64 and nothing needs EventSource), POSTs up. It implements what
 * HocuspocusProviderWebsocket uses of a WebSocket (readyState, binaryType, add/removeEventListener
 * for open/message/close/error, send, close), so the provider, its Y.Doc and its state are the same
 * whichever transport carries them. Server side: server/collab/http-fallback.ts.
 *
 * Upstream messages are sent one POST at a time, batched while a POST is in flight, which keeps
 * them in order. A failed POST closes the socket: the provider reconnects and the Yjs sync
 * exchange sends again whatever the server did not acknowledge.
 */
import { fallbackBaseUrl } from "@/components/documents/collab/collab-protocol";

type Listener = (event: unknown) => void;

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

function encodeFrames(messages: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  const headers = messages.map((message) => {
    const header: number[] = [];
    let length = message.byteLength;
    while (length > 0x7f) {
      header.push((length & 0x7f) | 0x80);
      length = Math.floor(length / 128);
    }
    header.push(length);
    size += header.length + message.byteLength;
    return header;
  });
  const body = new Uint8Array(size);
  let offset = 0;
  messages.forEach((message, index) => {
    const header = headers[index] ?? [];
    body.set(header, offset);
    offset += header.length;
    body.set(message, offset);
    offset += message.byteLength;
  });
  return body;
}

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function toBytes(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

export interface HttpFallbackSocketOptions {
  fetch?: typeof fetch;
}

export class HttpFallbackSocket {
  static readonly CONNECTING = CONNECTING;
  static readonly OPEN = OPEN;
  static readonly CLOSING = CLOSING;
  static readonly CLOSED = CLOSED;

  readonly url: string;
  readonly transport = "http" as const;
  binaryType: "arraybuffer" | "blob" = "arraybuffer";
  readyState: number = CONNECTING;
  /** Set by the provider. */
  identifier = 0;

  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly abort = new AbortController();
  private readonly base: string;
  private readonly fetcher: typeof fetch;
  private connectionId: string | null = null;
  private outbox: Uint8Array[] = [];
  private posting = false;

  constructor(url: string, options: HttpFallbackSocketOptions = {}) {
    this.url = url;
    this.base = fallbackBaseUrl(url);
    this.fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
    void this.readEvents();
  }

  addEventListener(type: string, listener: Listener): void {
    let set = this.listeners.get(type);
    if (!set) {
      set = new Set();
      this.listeners.set(type, set);
    }
    set.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  send(data: unknown): void {
    if (this.readyState !== OPEN) throw new Error("HttpFallbackSocket is not open");
    const bytes = toBytes(data);
    if (!bytes) throw new TypeError("HttpFallbackSocket sends binary messages only");
    this.outbox.push(bytes.slice());
    void this.pump();
  }

  close(code = 1000, reason = ""): void {
    if (this.readyState === CLOSED) return;
    this.finish(code, reason);
  }

  private emit(type: string, event: unknown): void {
    for (const listener of [...(this.listeners.get(type) ?? [])]) listener(event);
  }

  private finish(code: number, reason: string, error?: unknown): void {
    if (this.readyState === CLOSED) return;
    const wasOpen = this.readyState === OPEN;
    this.readyState = CLOSED;
    this.outbox = [];
    this.abort.abort();
    // Like a WebSocket: events are asynchronous, and a socket that never opened reports an error first.
    queueMicrotask(() => {
      if (!wasOpen && error !== undefined) this.emit("error", { type: "error", error });
      this.emit("close", { type: "close", code, reason, wasClean: code === 1000 });
    });
  }

  private async readEvents(): Promise<void> {
    try {
      const response = await this.fetcher(`${this.base}/events`, {
        headers: { accept: "text/event-stream" },
        cache: "no-store",
        credentials: "same-origin",
        signal: this.abort.signal,
      });
      if (!response.ok || !response.body) {
        this.finish(1006, `events: HTTP ${response.status}`, new Error(`HTTP ${response.status}`));
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          this.handleEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
        }
      }
      this.finish(1006, "event stream ended", new Error("event stream ended"));
    } catch (error: unknown) {
      this.finish(1006, "event stream failed", error);
    }
  }

  private handleEvent(block: string): void {
    let type = "message";
    let data = "";
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue;
      if (line.startsWith("event: ")) type = line.slice(7);
      else if (line.startsWith("data: ")) data += line.slice(6);
    }
    if (this.readyState === CLOSED) return;
    if (type === "open") {
      this.connectionId = (JSON.parse(data) as { connection: string }).connection;
      this.readyState = OPEN;
      this.emit("open", { type: "open" });
    } else if (type === "close") {
      const { code, reason } = JSON.parse(data) as { code: number; reason: string };
      this.finish(code, reason);
    } else if (data) {
      const bytes = base64ToBytes(data);
      this.emit("message", { type: "message", data: bytes.buffer });
    }
  }

  private async pump(): Promise<void> {
    if (this.posting || this.outbox.length === 0 || !this.connectionId) return;
    this.posting = true;
    const batch = this.outbox;
    this.outbox = [];
    try {
      const response = await this.fetcher(`${this.base}/messages?connection=${encodeURIComponent(this.connectionId)}`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream" },
        body: encodeFrames(batch) as BodyInit,
        cache: "no-store",
        credentials: "same-origin",
        signal: this.abort.signal,
      });
      if (!response.ok) {
        this.finish(1006, `messages: HTTP ${response.status}`);
        return;
      }
    } catch {
      this.finish(1006, "messages: request failed");
      return;
    } finally {
      this.posting = false;
    }
    void this.pump();
  }
}
