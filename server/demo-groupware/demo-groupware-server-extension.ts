/**
 * Starts the demo's groupware seeding (demo-groupware-seed.ts) in the portal process when
 * DEMO_GROUPWARE_SEED is set — only `npm run demo` sets it — and stops it at shutdown.
 */
import "server-only";
import type { ServerExtension } from "@/server/http/server-extensions";
import { readDemoGroupwareAccounts, startDemoGroupwareSeed } from "@/server/demo-groupware/demo-groupware-seed";

export const demoGroupwareServerExtension: ServerExtension = {
  id: "demo-groupware",
  async attach(portal, config) {
    if (!config.DEMO_GROUPWARE_SEED) return;
    const stop = startDemoGroupwareSeed(await readDemoGroupwareAccounts(config.DEMO_GROUPWARE_SEED));
    portal.onShutdown(() => stop());
  },
};
