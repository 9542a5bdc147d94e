// Test fixture of the Files HTTP layer: a temporary FILES_ROOT with the local adapter, a fresh
// test database (PGlite or the run's PostgreSQL), signed-in users with real session rows and
// cookies, the Files node routes on a real node:http server on an ephemeral loopback port, and a
// caller for the Next JSON routes (their exported handlers, called as Next calls them).
//
// The Next routes read the user with getCurrentUser() (server/auth/current-user.ts), which needs
// Next's request context for its cookie. Test files mock that one module with
// `mockedCurrentUser` below: it reads the cookie the caller passed and resolves it through the
// real session check (userFromSessionCookie), so sessions are still real.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PortalUser } from "@/server/auth/portal-user";
import { setTestEnv } from "@/test/support/test-env";

export const MAX_UPLOAD_BYTES = 24 * 1024 * 1024;
export const CHUNK_BYTES = 5 * 1024 * 1024;

let routeCookie: string | null = null;

/** Stand-in for getCurrentUser: the real session check on the cookie of the current route call. */
export async function mockedCurrentUser(): Promise<PortalUser | null> {
  if (!routeCookie) return null;
  const { sessionCookieName, userFromSessionCookie } = await import("@/server/auth/session-cookie");
  const prefix = `${sessionCookieName()}=`;
  return routeCookie.startsWith(prefix) ? userFromSessionCookie(routeCookie.slice(prefix.length)) : null;
}

export interface FilesHttpFixture {
  origin: string;
  root: string;
  alice: { cookie: string; id: string };
  bob: { cookie: string; id: string };
  close: () => Promise<void>;
}

export async function startFilesHttpFixture(): Promise<FilesHttpFixture> {
  const root = mkdtempSync(path.join(tmpdir(), "files-http-"));
  setTestEnv({
    FILES_BACKEND: "local",
    FILES_ROOT: root,
    FILES_MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES),
    FILES_CHUNK_BYTES: String(CHUNK_BYTES),
    PORTAL_URL: "http://localhost:3000",
  });
  const { useTestDatabase: openTestDatabase } = await import("@/test/support/test-database");
  await openTestDatabase();
  const { signInTestUser } = await import("@/test/support/signed-in-user");
  const { startNodeRouteServer } = await import("@/test/support/node-route-server");
  const { FILES_NODE_ROUTES } = await import("@/server/files/files-server-extension");
  const alice = await signInTestUser("Alice Martin");
  const bob = await signInTestUser("Bruno Durand");
  const server = await startNodeRouteServer(FILES_NODE_ROUTES);
  return {
    origin: server.origin,
    root,
    alice: { cookie: alice.cookie, id: alice.user.id },
    bob: { cookie: bob.cookie, id: bob.user.id },
    close: async () => {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

/** Calls a Next route handler as `cookie`'s user (null: anonymous). JSON bodies are serialised. */
export async function callRoute(
  handler: Handler,
  options: {
    method?: string;
    url: string;
    cookie: string | null;
    body?: unknown;
    rawBody?: string;
    params?: Record<string, string>;
  },
): Promise<Response> {
  routeCookie = options.cookie;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const request = new Request(new URL(options.url, "http://localhost:3000"), {
    method: options.method ?? (body === undefined ? "GET" : "POST"),
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body,
  });
  try {
    return await handler(request, { params: Promise.resolve(options.params ?? {}) });
  } finally {
    routeCookie = null;
  }
}
