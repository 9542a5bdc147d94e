/**
 * IMAP connections pooled per user, so a portal request does not pay a TCP + TLS + LOGIN round
 * trip each time (a login costs ~50–300 ms on BlueMind; failed ones are delayed seconds).
 *
 * - Keyed by portal user AND a hash of the credential: a changed password or refreshed OAuth
 *   token opens a fresh connection; the stale one idles out.
 * - A connection is LEASED to one caller at a time (IMAP has one selected mailbox per
 *   connection), up to `maxPerUser` (3) connections per user and `maxTotal` (400) in the process;
 *   further callers wait in a queue (with a deadline) rather than open more.
 * - Idle connections close after `idleMs` (5 min); a dropped connection (server restart, network)
 *   is discarded on its `close` event and the next lease opens a new one.
 * - Every lease runs under a deadline (`commandMs`, 30 s default): past it the connection is
 *   closed (imapflow cannot cancel a single command) and the caller gets BACKEND_TIMEOUT; the
 *   caller's AbortSignal does the same.
 * - imapflow's logger is off: protocol traces carry addresses, subjects and bodies.
 *
 * The pool is a process-wide singleton on globalThis (Next's bundle and the outer HTTP server
 * share it). Only sockets are kept here: no mail state, so several portal processes can run.
 */
import { createHash } from "node:crypto";
import { ImapFlow } from "imapflow";
import { AppError, errorCode } from "@/server/errors";
import type { ImapEndpoint } from "./imap-endpoint";

export type ImapCredential =
  | { kind: "password"; login: string; password: string }
  | { kind: "oauth"; login: string; accessToken: string; mechanism: "oauthbearer" | "xoauth2" };

export interface ImapPoolOptions {
  maxPerUser: number;
  maxTotal: number;
  idleMs: number;
  connectMs: number;
  commandMs: number;
  /** How long a caller waits for a free connection of its own. */
  queueMs: number;
}

const DEFAULTS: ImapPoolOptions = {
  maxPerUser: 3,
  maxTotal: 400,
  idleMs: 5 * 60_000,
  connectMs: 15_000,
  commandMs: 30_000,
  queueMs: 20_000,
};

interface PooledConnection {
  client: ImapFlow;
  key: string;
  busy: boolean;
  idleTimer: NodeJS.Timeout | null;
}

interface Waiter {
  resolve: (connection: PooledConnection) => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
  endpoint: ImapEndpoint;
  credential: ImapCredential;
}

export interface ImapPoolStats {
  connections: number;
  busy: number;
  /** Successful logins since the pool was created (tests check reuse with it). */
  logins: number;
}

function credentialKey(userId: string, endpoint: ImapEndpoint, credential: ImapCredential): string {
  const secret = credential.kind === "password" ? credential.password : credential.accessToken;
  const digest = createHash("sha256")
    .update(`${endpoint.host}:${endpoint.port}\0${credential.login}\0${secret}`)
    .digest("base64url");
  return `${userId}:${digest}`;
}

/**
 * Maps imapflow/socket failures to the portal's errors; never echoes server text that may hold data.
 * The original error is NOT kept as `cause`: IMAP answers quote folder names and addresses, which
 * must not reach the logs; only its code does.
 */
export function toImapAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const cause = new Error(`imap ${errorCode(error)}`);
  const failure = error as {
    authenticationFailed?: boolean;
    code?: string;
    serverResponseCode?: string;
    mailboxMissing?: boolean;
  };
  if (failure?.authenticationFailed) {
    return new AppError("BAD_REQUEST", {
      userMessage: "the mail server refused the login: check the address and password",
      cause,
    });
  }
  if (failure?.code === "ETIMEOUT" || failure?.code === "ETIMEDOUT" || failure?.code === "CONNECT_TIMEOUT") {
    return new AppError("BACKEND_TIMEOUT", { userMessage: "the mail server did not answer in time", cause });
  }
  if (
    failure?.mailboxMissing ||
    failure?.serverResponseCode === "NONEXISTENT" ||
    failure?.serverResponseCode === "TRYCREATE"
  ) {
    return new AppError("NOT_FOUND", { userMessage: "no such folder", cause });
  }
  return new AppError("BACKEND_UNAVAILABLE", { userMessage: "the mail server is unavailable", cause });
}

export class ImapPool {
  private readonly options: ImapPoolOptions;
  private readonly byKey = new Map<string, PooledConnection[]>();
  private readonly opening = new Map<string, number>();
  private readonly waiters = new Map<string, Waiter[]>();
  private total = 0;
  private logins = 0;

  constructor(options: Partial<ImapPoolOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  stats(): ImapPoolStats {
    let busy = 0;
    for (const list of this.byKey.values()) busy += list.filter((entry) => entry.busy).length;
    return { connections: this.total, busy, logins: this.logins };
  }

  /**
   * Runs `task` with a connection of this user's, then gives the connection back (or discards it
   * when the task failed at the protocol level). The task must release any mailbox lock it takes.
   */
  async use<T>(
    userId: string,
    endpoint: ImapEndpoint,
    credential: ImapCredential,
    task: (client: ImapFlow) => Promise<T>,
    options: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<T> {
    const key = credentialKey(userId, endpoint, credential);
    const connection = await this.acquire(key, endpoint, credential);
    let broken = false;
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      const deadline = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          broken = true;
          reject(new AppError("BACKEND_TIMEOUT", { userMessage: "the mail server did not answer in time" }));
        }, options.timeoutMs ?? this.options.commandMs);
        if (options.signal) {
          onAbort = () => {
            broken = true;
            reject(new AppError("BACKEND_TIMEOUT", { userMessage: "request cancelled" }));
          };
          if (options.signal.aborted) onAbort();
          else options.signal.addEventListener("abort", onAbort, { once: true });
        }
      });
      return await Promise.race([task(connection.client), deadline]);
    } catch (error) {
      throw toImapAppError(error);
    } finally {
      clearTimeout(timer);
      if (onAbort) options.signal?.removeEventListener("abort", onAbort);
      if (broken || !connection.client.usable) this.discard(connection);
      else this.release(connection);
    }
  }

  /** Opens a connection, logs in and closes it: checks credentials without pooling them. */
  async verify(endpoint: ImapEndpoint, credential: ImapCredential): Promise<void> {
    const client = this.createClient(endpoint, credential);
    try {
      await client.connect();
    } catch (error) {
      throw toImapAppError(error);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  /** Closes every connection of a user (after disconnecting their account). */
  async closeUser(userId: string): Promise<void> {
    for (const [key, list] of this.byKey) {
      if (!key.startsWith(`${userId}:`)) continue;
      for (const connection of [...list]) if (!connection.busy) this.discard(connection);
    }
  }

  async closeAll(): Promise<void> {
    for (const list of this.byKey.values()) for (const connection of [...list]) this.discard(connection);
  }

  private createClient(endpoint: ImapEndpoint, credential: ImapCredential): ImapFlow {
    const client = new ImapFlow({
      host: endpoint.host,
      port: endpoint.port,
      secure: endpoint.secure,
      // STARTTLS is used when the server offers it; refuse plaintext login elsewhere than loopback.
      doSTARTTLS: endpoint.secure ? undefined : endpoint.loopback ? undefined : true,
      auth:
        credential.kind === "password"
          ? { user: credential.login, pass: credential.password }
          : { user: credential.login, accessToken: credential.accessToken },
      logger: false,
      emitLogs: false,
      disableAutoIdle: true,
      connectionTimeout: this.options.connectMs,
      greetingTimeout: this.options.connectMs,
      socketTimeout: 5 * 60_000,
      clientInfo: { name: "portail-hospitalier" },
    });
    client.on("error", () => undefined); // surfaced through the failing command; never crash the process
    return client;
  }

  private async acquire(key: string, endpoint: ImapEndpoint, credential: ImapCredential): Promise<PooledConnection> {
    const list = this.byKey.get(key) ?? [];
    const free = list.find((entry) => !entry.busy && entry.client.usable);
    if (free) {
      free.busy = true;
      if (free.idleTimer) clearTimeout(free.idleTimer);
      free.idleTimer = null;
      return free;
    }
    const ownCount = list.length + (this.opening.get(key) ?? 0);
    if (ownCount < this.options.maxPerUser && (this.total < this.options.maxTotal || this.evictOneIdle())) {
      return this.open(key, endpoint, credential);
    }
    return new Promise<PooledConnection>((resolve, reject) => {
      const timer = setTimeout(() => {
        const queue = this.waiters.get(key) ?? [];
        const index = queue.findIndex((waiter) => waiter.timer === timer);
        if (index >= 0) queue.splice(index, 1);
        reject(new AppError("TOO_MANY_REQUESTS", { userMessage: "too many mail requests at once: retry shortly" }));
      }, this.options.queueMs);
      const queue = this.waiters.get(key) ?? [];
      queue.push({ resolve, reject, timer, endpoint, credential });
      this.waiters.set(key, queue);
    });
  }

  private async open(key: string, endpoint: ImapEndpoint, credential: ImapCredential): Promise<PooledConnection> {
    this.opening.set(key, (this.opening.get(key) ?? 0) + 1);
    this.total += 1;
    const client = this.createClient(endpoint, credential);
    try {
      await client.connect();
    } catch (error) {
      this.total -= 1;
      client.close();
      throw toImapAppError(error);
    } finally {
      this.opening.set(key, (this.opening.get(key) ?? 1) - 1);
      if (this.opening.get(key) === 0) this.opening.delete(key);
    }
    this.logins += 1;
    const connection: PooledConnection = { client, key, busy: true, idleTimer: null };
    const list = this.byKey.get(key) ?? [];
    list.push(connection);
    this.byKey.set(key, list);
    client.once("close", () => this.forget(connection));
    return connection;
  }

  private release(connection: PooledConnection): void {
    const queue = this.waiters.get(connection.key);
    const next = queue?.shift();
    if (next) {
      clearTimeout(next.timer);
      next.resolve(connection);
      return;
    }
    connection.busy = false;
    connection.idleTimer = setTimeout(() => this.discard(connection), this.options.idleMs);
    connection.idleTimer.unref();
  }

  private discard(connection: PooledConnection): void {
    this.forget(connection);
    connection.client.logout().catch(() => connection.client.close());
  }

  /** Removes a connection from the books (idempotent); a waiter of that key may now open one. */
  private forget(connection: PooledConnection): void {
    if (connection.idleTimer) clearTimeout(connection.idleTimer);
    const list = this.byKey.get(connection.key);
    if (!list) return;
    const index = list.indexOf(connection);
    if (index < 0) return;
    list.splice(index, 1);
    this.total -= 1;
    if (list.length === 0) this.byKey.delete(connection.key);
    const queue = this.waiters.get(connection.key);
    const waiter = queue?.shift();
    if (waiter) {
      // A waiter of this key gets the freed slot: a fresh connection is opened for it.
      clearTimeout(waiter.timer);
      this.open(connection.key, waiter.endpoint, waiter.credential).then(waiter.resolve, waiter.reject);
    }
  }

  /** Closes the least recently idle connection of ANY user to make room; false when none is idle. */
  private evictOneIdle(): boolean {
    for (const list of this.byKey.values()) {
      const idle = list.find((entry) => !entry.busy);
      if (idle) {
        this.discard(idle);
        return true;
      }
    }
    return false;
  }
}

const holder = globalThis as typeof globalThis & { __portalImapPool?: ImapPool };

/** The process-wide pool. */
export function imapPool(): ImapPool {
  holder.__portalImapPool ??= new ImapPool();
  return holder.__portalImapPool;
}
