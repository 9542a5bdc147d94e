/**
 * Debian's Chromium and its flags, for the browser tests and the browser benchmarks alike: never a
 * downloaded browser, and nothing in the background, since the machines' network is closed
 * (STANDINS.md §7).
 */
export const CHROMIUM_PATH = process.env.CHROME_PATH || "/usr/bin/chromium";

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
