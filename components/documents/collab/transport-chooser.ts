/**
 * Chooses, at each (re)connection of the provider, between a real WebSocket and the HTTP fallback
 * (http-fallback-socket.ts), and switches to the fallback when WebSockets do not work here:
 *
 * - a WebSocket that fails to open (error or close before `open`, or not open within
 *   `openTimeoutMs` — some proxies swallow the upgrade) counts as a failure; `failuresToFallback`
 *   failures in a row switch to HTTP (one, unless a WebSocket already worked on this page);
 * - a WebSocket that keeps dropping (`dropsToFallback` closes within a minute) switches too.
 *
 * The choice is remembered for the tab (sessionStorage) for `rememberMs`, so the next page opens
 * straight on HTTP, and WebSockets are tried again after that. The provider receives the class
 * from `socketClass()` as its WebSocketPolyfill: it keeps its Y.Doc and state through the switch,
 * so nothing flickers and no edit is lost.
 */
import { HttpFallbackSocket } from "@/components/documents/collab/http-fallback-socket";

export type TransportKind = "websocket" | "http";

export interface TransportChooserOptions {
  /** Start on this transport, or force it (`forced: true`, tests and the e2e). */
  initial?: TransportKind;
  forced?: boolean;
  openTimeoutMs?: number;
  dropsToFallback?: number;
  rememberMs?: number;
  WebSocket?: typeof WebSocket;
  fetch?: typeof fetch;
  storage?: Pick<Storage, "getItem" | "setItem"> | null;
  onChange?: (kind: TransportKind) => void;
}

const STORAGE_KEY = "portal.collab.transport";
const DROP_WINDOW_MS = 60_000;

interface SocketLike {
  addEventListener(type: string, listener: (event: unknown) => void): void;
  close(code?: number, reason?: string): void;
  readonly readyState: number;
}

export class TransportChooser {
  private kindNow: TransportKind;
  private consecutiveFailures = 0;
  private webSocketWorked = false;
  private drops: number[] = [];
  private readonly options: TransportChooserOptions;

  constructor(options: TransportChooserOptions = {}) {
    this.options = options;
    this.kindNow = options.initial ?? (this.remembered() ? "http" : "websocket");
  }

  get kind(): TransportKind {
    return this.kindNow;
  }

  /** The class to give HocuspocusProviderWebsocket as `WebSocketPolyfill`. */
  socketClass(): new (url: string) => unknown {
    const create = (url: string): unknown => this.create(url);
    // A constructor returning an object makes `new` yield that object: the provider gets whichever
    // transport is current, behind one class.
    return function AdaptiveSocket(url: string) {
      return create(url);
    } as unknown as new (url: string) => unknown;
  }

  private create(url: string): unknown {
    if (this.kindNow === "http") return new HttpFallbackSocket(url, { fetch: this.options.fetch });
    const Native = this.options.WebSocket ?? globalThis.WebSocket;
    const socket = new Native(url) as unknown as SocketLike;
    this.watch(socket);
    return socket;
  }

  private watch(socket: SocketLike): void {
    let opened = false;
    let openedAt = 0;
    const timer = setTimeout(() => {
      if (!opened) socket.close();
    }, this.options.openTimeoutMs ?? 5000);
    socket.addEventListener("open", () => {
      opened = true;
      openedAt = Date.now();
      this.webSocketWorked = true;
      this.consecutiveFailures = 0;
      clearTimeout(timer);
    });
    socket.addEventListener("close", () => {
      clearTimeout(timer);
      if (!opened) {
        this.consecutiveFailures += 1;
        if (this.consecutiveFailures >= (this.webSocketWorked ? 2 : 1)) this.switchToHttp();
        return;
      }
      // A socket closed by the server on purpose (e.g. a refusal) stays short too; only count
      // drops of sockets that lived less than the window.
      const now = Date.now();
      if (now - openedAt < DROP_WINDOW_MS) {
        this.drops = [...this.drops.filter((at) => now - at < DROP_WINDOW_MS), now];
        if (this.drops.length >= (this.options.dropsToFallback ?? 3)) this.switchToHttp();
      }
    });
  }

  private switchToHttp(): void {
    if (this.options.forced || this.kindNow === "http") return;
    this.kindNow = "http";
    try {
      this.storage()?.setItem(STORAGE_KEY, String(Date.now()));
    } catch {
      // Storage may be disabled: the choice then lasts for this page only.
    }
    this.options.onChange?.("http");
  }

  private storage(): Pick<Storage, "getItem" | "setItem"> | null {
    if (this.options.storage !== undefined) return this.options.storage;
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  }

  private remembered(): boolean {
    try {
      const at = Number(this.storage()?.getItem(STORAGE_KEY) ?? "0");
      return Date.now() - at < (this.options.rememberMs ?? 10 * 60_000);
    } catch {
      return false;
    }
  }
}
