// The WOPI conformance suite's main paths (wopi-conformance.ts, `mainPathsOnly`) on the Nextcloud
// Files adapter: real Apache mod_dav behind the Nextcloud contract double (test/doubles/nextcloud),
// two users connected with app passwords, on both database engines. The WOPI host only uses the
// storage interface, so what differs is the backend's ids (oc:fileid), ETags and dates.
import { vi } from "vitest";
import { setTestEnv } from "@/test/support/test-env";
import { createNextcloudStorage } from "@/integrations/nextcloud/nextcloud-storage";
import { describeWopiConformance } from "@/server/office/wopi/wopi-conformance";
import {
  connectWithAppPassword,
  createPortalUser,
  startNextcloudTestStack,
} from "@/test/doubles/nextcloud/nextcloud-test-stack";

setTestEnv({ PORTAL_URL: "https://portail.hopital.test" });
// Every storage call crosses two HTTP hops (double, then Apache).
vi.setConfig({ testTimeout: 60_000 });

describeWopiConformance(
  "Nextcloud storage (Apache mod_dav + Nextcloud double)",
  () => ({
    maxUploadBytes: 1024 * 1024,
    async storage(db) {
      const stack = await startNextcloudTestStack(["alice", "bruno"]);
      const alice = await createPortalUser(db, "Alice Martin");
      const bruno = await createPortalUser(db, "Bruno Durand");
      await connectWithAppPassword(db, stack.double, alice, "alice");
      await connectWithAppPassword(db, stack.double, bruno, "bruno");
      return {
        storage: createNextcloudStorage({
          url: stack.double.url,
          auth: "app-password",
          timeoutMs: 15_000,
          chunkBytes: 5 * 1024 * 1024,
          portalOrigin: "https://portail.hopital.test",
        }),
        alice,
        bruno,
        stop: () => stack.stop(),
      };
    },
  }),
  { mainPathsOnly: true },
);
