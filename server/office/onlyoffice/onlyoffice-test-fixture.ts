// Test fixture of the OnlyOffice integration, end to end over real HTTP: the Document Server
// double (test/doubles/onlyoffice), the portal's OnlyOffice node routes (download, callback) on a
// real node:http server through the portal's dispatcher, the local Files adapter in a temporary
// FILES_ROOT, a fresh test database (PGlite or the run's PostgreSQL), and signed-in users.
//
// Order matters: the routes' server starts first (on an ephemeral port) so that
// ONLYOFFICE_PORTAL_URL can name it before the configuration is parsed for the first time.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PortalUser } from "@/server/auth/portal-user";
import type { OnlyOfficeDouble } from "@/test/doubles/onlyoffice/onlyoffice-double";
import { setTestEnv } from "@/test/support/test-env";

export const TEST_ONLYOFFICE_SECRET = "onlyoffice-shared-secret-for-tests-0123";

export interface OnlyOfficeFixture {
  double: OnlyOfficeDouble;
  portalOrigin: string;
  root: string;
  alice: PortalUser;
  bob: PortalUser;
  /** `Cookie` header values of their sessions (for the Next route handlers). */
  cookies: { alice: string; bob: string };
  close: () => Promise<void>;
}

export async function startOnlyOfficeFixture(): Promise<OnlyOfficeFixture> {
  const { startOnlyOfficeDouble } = await import("@/test/doubles/onlyoffice/onlyoffice-double");
  const { startNodeRouteServer } = await import("@/test/support/node-route-server");
  const { ONLYOFFICE_NODE_ROUTES } = await import("@/server/office/office-server-extension");
  const double = await startOnlyOfficeDouble({ secret: TEST_ONLYOFFICE_SECRET });
  const server = await startNodeRouteServer(ONLYOFFICE_NODE_ROUTES);
  const root = mkdtempSync(path.join(tmpdir(), "onlyoffice-files-"));
  setTestEnv({
    FILES_BACKEND: "local",
    FILES_ROOT: root,
    PORTAL_URL: "http://localhost:3000",
    ONLYOFFICE_URL: double.url,
    ONLYOFFICE_JWT_SECRET: TEST_ONLYOFFICE_SECRET,
    ONLYOFFICE_PORTAL_URL: server.origin,
  });
  const { useTestDatabase: openTestDatabase } = await import("@/test/support/test-database");
  await openTestDatabase();
  const { signInTestUser } = await import("@/test/support/signed-in-user");
  const alice = await signInTestUser("Alice Martin");
  const bob = await signInTestUser("Bruno Durand");
  return {
    double,
    portalOrigin: server.origin,
    root,
    alice: alice.user,
    bob: bob.user,
    cookies: { alice: alice.cookie, bob: bob.cookie },
    close: async () => {
      await server.close();
      await double.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
