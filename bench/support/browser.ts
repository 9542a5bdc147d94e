/** Debian's Chromium for the browser benchmarks (never a downloaded browser), and its flags. */
import { existsSync } from "node:fs";

import { CHROMIUM_PATH } from "@/e2e/support/chromium";

export { CHROMIUM_FLAGS, CHROMIUM_PATH } from "@/e2e/support/chromium";

export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: apt-get install -y --no-install-recommends chromium (or set CHROME_PATH)`,
    );
  }
}
