/** Debian's Chromium for the browser benchmarks (never a downloaded browser), and its flags. */
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = process.env.CHROME_PATH || "/usr/bin/chromium";

/** The flags of STANDINS §7: the network here is closed, so nothing in the background. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `no Chromium at ${CHROMIUM_PATH}: apt-get install -y --no-install-recommends chromium (or set CHROME_PATH)`,
    );
  }
}
