// The storage contract (server/files/storage.contract.ts) run against the local adapter, on both
// database engines, with a temporary FILES_ROOT and two real user rows.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { setTestEnv } from "@/test/support/test-env";
import { useTestDatabase } from "@/test/support/test-database";
import type { PortalUser } from "@/server/auth/portal-user";
import { fileShareLinks, users } from "@/server/db/schema";
import { describeFileStorageContract } from "@/server/files/storage.contract";
import { createLocalStorage } from "@/server/files/local/local-storage";

setTestEnv();

function portalUser(id: string, displayName: string): PortalUser {
  return {
    id,
    displayName,
    profession: null,
    provider: "demo",
    authMethods: ["pwd"],
    acr: null,
    isAdmin: false,
    sessionId: `session-${id}`,
  };
}

describeFileStorageContract("local", async () => {
  const { db, close } = await useTestDatabase();
  const root = mkdtempSync(path.join(tmpdir(), "files-local-contract-"));
  const [alice, bruno] = await db
    .insert(users)
    .values([{ displayName: "Alice Martin" }, { displayName: "Bruno Durand" }])
    .returning({ id: users.id });
  if (!alice || !bruno) throw new Error("test users were not created");
  const storage = createLocalStorage({
    root,
    maxUploadBytes: 64 * 1024 * 1024,
    portalUrl: () => "https://portail.hopital.test",
    db: () => Promise.resolve(db),
  });
  return {
    storage,
    context: { user: portalUser(alice.id, "Alice Martin") },
    otherContext: { user: portalUser(bruno.id, "Bruno Durand") },
    async expireShareLink(shareId) {
      await db
        .update(fileShareLinks)
        .set({ expiresOn: sql`(now() at time zone 'Europe/Paris')::date - 1` })
        .where(eq(fileShareLinks.id, shareId));
    },
    async teardown() {
      await close();
      rmSync(root, { recursive: true, force: true });
    },
  };
});
