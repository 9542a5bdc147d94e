// Integration: connecting a portal user's Nextcloud account with Login Flow v2 through the JSON
// routes app/api/files/nextcloud/connect/**, against the Nextcloud double (real Apache behind),
// on both database engines. Who is signed in is the session layer's job (tested there): here the
// current user is given.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import { httpBackend, type StubBackend } from "@/test/support/stub-backends";
import type { PortalUser } from "@/server/auth/portal-user";
import type { Database } from "@/server/db/client";
import { auditLog, nextcloudCredentials, nextcloudLoginFlows } from "@/server/db/schema";
import { AppError } from "@/server/errors";
import type { UserPath } from "@/server/files/storage";
import {
  createPortalUser,
  startNextcloudTestStack,
  type NextcloudTestStack,
} from "@/test/doubles/nextcloud/nextcloud-test-stack";

let currentUser: PortalUser | null = null;
vi.mock("@/server/auth/current-user", () => ({ getCurrentUser: () => Promise.resolve(currentUser) }));

let stack: NextcloudTestStack;
let database: Database;
let alice: PortalUser;
const context = { params: Promise.resolve({}) };

const routes = {
  status: () => import("@/app/api/files/nextcloud/connect/route"),
  start: () => import("@/app/api/files/nextcloud/connect/start/route"),
  poll: () => import("@/app/api/files/nextcloud/connect/poll/route"),
  disconnect: () => import("@/app/api/files/nextcloud/connect/disconnect/route"),
};

function post(path: string): Request {
  return new Request(`http://portal.test${path}`, { method: "POST" });
}

beforeAll(async () => {
  stack = await startNextcloudTestStack(["alice"]);
  setTestEnv({ FILES_BACKEND: "nextcloud", NEXTCLOUD_URL: stack.double.url, NEXTCLOUD_AUTH: "app-password" });
  database = (await useTestDatabase()).db;
  alice = await createPortalUser(database, "Alice Martin");
  currentUser = alice;
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe("Login Flow v2 through the connect routes", () => {
  it("connects: start gives Nextcloud's login page, poll waits, then stores a sealed app password", async () => {
    const { createNextcloudStorageFromEnv } = await import("@/integrations/nextcloud/nextcloud-config");
    const storage = createNextcloudStorageFromEnv();
    const notYet = await storage.list({ user: alice }, "/" as UserPath).catch((error: unknown) => error);
    expect((notYet as AppError).code).toBe("NEXTCLOUD_NOT_CONNECTED");

    const status = await (await routes.status()).GET(new Request("http://portal.test/x"), context);
    expect(await status.json()).toEqual({ connected: false });

    const started = await (await routes.start()).POST(post("/api/files/nextcloud/connect/start"), context);
    expect(started.status).toBe(200);
    const { loginUrl } = (await started.json()) as { loginUrl: string };
    expect(loginUrl.startsWith(`${stack.double.url}/index.php/login/v2/flow/`)).toBe(true);

    const { POST: poll } = await routes.poll();
    expect(await (await poll(post("/p"), context)).json()).toEqual({ connected: false, status: "pending" });

    stack.double.grantLoginFlow(loginUrl, "alice");
    expect(await (await poll(post("/p"), context)).json()).toEqual({ connected: true, status: "connected" });

    const [credential] = await database
      .select()
      .from(nextcloudCredentials)
      .where(eq(nextcloudCredentials.userId, alice.id));
    expect(credential?.loginName).toBe("alice");
    // Sealed: the app password the double issued is not in the row.
    for (const issued of stack.double.ocs.appPasswords.keys()) expect(credential?.appPasswordEnc).not.toContain(issued);
    expect(await database.select().from(nextcloudLoginFlows)).toEqual([]);
    const audit = await database.select().from(auditLog).where(eq(auditLog.action, "files.nextcloud_connected"));
    expect(audit).toHaveLength(1);

    expect(await storage.list({ user: alice }, "/" as UserPath)).toEqual([]);
  });

  it("disconnects: revokes the app password at Nextcloud and forgets it", async () => {
    const issued = [...stack.double.ocs.appPasswords.keys()];
    expect(issued).toHaveLength(1);
    const answer = await (await routes.disconnect()).POST(post("/d"), context);
    expect(await answer.json()).toEqual({ connected: false });
    expect(stack.double.ocs.appPasswords.size).toBe(0);
    expect(await database.select().from(nextcloudCredentials)).toEqual([]);
    const { createNextcloudStorageFromEnv } = await import("@/integrations/nextcloud/nextcloud-config");
    const error = await createNextcloudStorageFromEnv()
      .list({ user: alice }, "/" as UserPath)
      .catch((caught: unknown) => caught);
    expect((error as AppError).code).toBe("NEXTCLOUD_NOT_CONNECTED");
  });

  it("answers 401 without a session", async () => {
    currentUser = null;
    const answer = await (await routes.start()).POST(post("/s"), context);
    expect(answer.status).toBe(401);
    currentUser = alice;
  });
});

describe("Login Flow v2 refuses addresses outside NEXTCLOUD_URL", () => {
  let evil: StubBackend;

  afterAll(async () => {
    await evil?.close();
  });

  it("does not hand the browser a login page on another host", async () => {
    evil = await httpBackend((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          poll: { token: "t".repeat(64), endpoint: "http://attacker.invalid/login/v2/poll" },
          login: "http://attacker.invalid/login",
        }),
      );
    });
    const { NextcloudClient } = await import("@/integrations/nextcloud/http/nextcloud-client");
    const { startLoginFlow } = await import("@/integrations/nextcloud/auth/login-flow");
    const client = new NextcloudClient({ url: evil.url, timeoutMs: 2000 });
    const error = await startLoginFlow(client, alice.id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BACKEND_UNAVAILABLE");
  });
});
