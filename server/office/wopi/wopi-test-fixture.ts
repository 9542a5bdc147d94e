// Test fixture of the WOPI host: a fresh test database (PGlite or the run's PostgreSQL), a Files
// storage (the local adapter in a temporary folder, or one the caller builds, e.g. Nextcloud), two
// users, the WOPI client double (discovery with real RSA proof keys; signs every call), and WOPI
// hosts built exactly as the portal builds them, served on real node:http servers on ephemeral
// loopback ports. One clock drives the hosts and the double, so tests can move time (lock expiry,
// token expiry, stale proofs). `secondHost()` starts another, independent host over the same
// database: two portal processes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { PortalUser } from "@/server/auth/portal-user";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import type { Database } from "@/server/db/client";
import { env } from "@/server/env";
import { createLocalStorage } from "@/server/files/local/local-storage";
import { parseUserPath } from "@/server/files/paths";
import type { FileEntry, FileStorage } from "@/server/files/storage";
import { createWopiTokenService, type WopiPermission, type WopiTokenService } from "@/server/office/wopi/access-token";
import { createProofChecker } from "@/server/office/wopi/proof-check";
import { createWopiHost, type WopiHost } from "@/server/office/wopi/wopi-host";
import { createDiscoverySource } from "@/integrations/wopi/discovery";
import {
  startWopiClientDouble,
  type ProofSigning,
  type WopiClientDouble,
} from "@/test/doubles/wopi-client/wopi-client-double";
import { startNodeRouteServer } from "@/test/support/node-route-server";
import { useTestDatabase as openTestDatabase } from "@/test/support/test-database";

export const PORTAL_URL = "https://portail.hopital.test";

export interface WopiCallOptions {
  method?: "GET" | "POST";
  contents?: boolean;
  override?: string;
  headers?: Record<string, string>;
  body?: Buffer | string | Readable;
  signing?: ProofSigning;
  tokenInHeader?: boolean;
  /** Another host (process) than the first. */
  host?: RunningHost;
}

export interface RunningHost {
  origin: string;
  host: WopiHost;
  close: () => Promise<void>;
}

export interface WopiFixture {
  db: Database;
  storage: FileStorage;
  alice: PortalUser;
  bruno: PortalUser;
  double: WopiClientDouble;
  tokens: WopiTokenService;
  clock: { now: number };
  first: RunningHost;
  maxUploadBytes: number;
  secondHost: () => Promise<RunningHost>;
  /** Writes a file in the user's storage (folders made as needed). */
  put: (user: PortalUser, userPath: string, content: Buffer | string) => Promise<FileEntry>;
  token: (user: PortalUser, fileId: string, permission?: WopiPermission) => Promise<string>;
  call: (fileId: string, token: string, options?: WopiCallOptions) => Promise<Response>;
  close: () => Promise<void>;
}

export interface WopiFixtureOptions {
  maxUploadBytes?: number;
  proofKeys?: boolean;
  /** Builds the storage and the two users (default: the local adapter and real signed-in users). */
  storage?: (db: Database) => Promise<{
    storage: FileStorage;
    alice: PortalUser;
    bruno: PortalUser;
    stop: () => Promise<void>;
  }>;
}

async function localStorageSetup(maxUploadBytes: number) {
  const root = mkdtempSync(path.join(tmpdir(), "wopi-host-"));
  const { signInTestUser } = await import("@/test/support/signed-in-user");
  const alice = (await signInTestUser("Alice Martin")).user;
  const bruno = (await signInTestUser("Bruno Durand")).user;
  const storage = createLocalStorage({ root, maxUploadBytes, portalUrl: () => PORTAL_URL });
  return {
    storage,
    alice,
    bruno,
    stop: async () => rmSync(root, { recursive: true, force: true }),
  };
}

export async function startWopiFixture(options: WopiFixtureOptions = {}): Promise<WopiFixture> {
  const maxUploadBytes = options.maxUploadBytes ?? 8 * 1024 * 1024;
  const { db, close: closeDb } = await openTestDatabase();
  const setup = options.storage ? await options.storage(db) : await localStorageSetup(maxUploadBytes);
  const clock = { now: Date.now() };
  const now = () => clock.now;
  const double = await startWopiClientDouble({ proofKeys: options.proofKeys ?? true, now });
  const tokens = createWopiTokenService({
    authSecret: env().AUTH_SECRET,
    ttlSeconds: 10 * 3600,
    db: () => Promise.resolve(db),
    now,
  });
  const running: RunningHost[] = [];

  async function startHost(): Promise<RunningHost> {
    // The server is started first: its port is the host URL the host checks proofs against.
    const slot: { host?: WopiHost } = {};
    const server = await startNodeRouteServer([
      { prefix: "/wopi/", handle: (req, res, url) => (slot.host as WopiHost).route.handle(req, res, url) },
    ]);
    // Each host its own discovery cache, as each process has.
    const discovery = createDiscoverySource({ url: double.discoveryUrl, now });
    const host = createWopiHost({
      db: () => Promise.resolve(db),
      storage: () => setup.storage,
      tokens,
      proof: createProofChecker({ discovery, hostUrl: server.origin, now }),
      now,
      hostUrl: server.origin,
      portalUrl: PORTAL_URL,
      brandName: "CH de démonstration",
      maxUploadBytes,
      audit: recordAuditEvent,
    });
    slot.host = host;
    const handle = { origin: server.origin, host, close: server.close };
    running.push(handle);
    return handle;
  }

  const first = await startHost();

  return {
    db,
    storage: setup.storage,
    alice: setup.alice,
    bruno: setup.bruno,
    double,
    tokens,
    clock,
    first,
    maxUploadBytes,
    secondHost: startHost,
    async put(user, userPath, content) {
      const target = parseUserPath(userPath);
      const segments = target.split("/").slice(1, -1);
      let folder = "";
      for (const segment of segments) {
        folder += `/${segment}`;
        await setup.storage.createFolder({ user }, parseUserPath(folder)).catch(() => undefined);
      }
      const bytes = typeof content === "string" ? Buffer.from(content) : content;
      return setup.storage.write({ user }, target, Readable.from([bytes]), { size: bytes.length, overwrite: true });
    },
    async token(user, fileId, permission = "edit") {
      return (await tokens.issue({ userId: user.id, sessionId: user.sessionId, fileId, permission })).token;
    },
    call(fileId, token, callOptions = {}) {
      const target = callOptions.host ?? first;
      const headers: Record<string, string> = { ...(callOptions.headers ?? {}) };
      if (callOptions.override) headers["x-wopi-override"] = callOptions.override;
      return double.call(target.origin, {
        method: callOptions.method ?? (callOptions.override ? "POST" : "GET"),
        path: `/wopi/files/${fileId}${callOptions.contents ? "/contents" : ""}`,
        token,
        headers,
        body: callOptions.body,
        signing: callOptions.signing,
        tokenInHeader: callOptions.tokenInHeader,
      });
    },
    async close() {
      for (const host of running) await host.close();
      await double.stop();
      await setup.stop();
      await closeDb();
    },
  };
}
