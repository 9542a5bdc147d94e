/**
 * Where the browser tests' own stack listens: the portal, the development OpenID provider and the
 * news feed stand-in (plus its control port). The ports are fixed, not random, because the
 * Playwright config is evaluated again in every worker and both must agree; they sit in an
 * unusual range so that a developer's `npm run demo` (3000/3100) keeps running beside the tests.
 * E2E_PORT moves the whole block (it must be free, with the six ports after it).
 *
 * Loopback only: these tests sign in, sign out everywhere and post forged tokens. They must never
 * be pointed at a shared or production portal, so every URL here is built on 127.0.0.1/localhost
 * and `assertLoopback` refuses anything else.
 */
import { isIP } from "node:net";

function readBasePort(): number {
  const raw = process.env.E2E_PORT ?? "39310";
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1024 || port > 65529) {
    throw new Error(`E2E_PORT must be an integer between 1024 and 65529 (it was "${raw}")`);
  }
  return port;
}

const basePort = readBasePort();

export const PORTAL_PORT = basePort;
export const DEV_OIDC_PORT = basePort + 1;
export const FEED_PORT = basePort + 2;
export const FEED_CONTROL_PORT = basePort + 3;

/**
 * The portal's public origin. `localhost`, as the demo uses, so that the redirect URIs registered at
 * the provider (built from PORTAL_URL) are exactly the ones the browser comes back to.
 */
export const PORTAL_URL = `http://localhost:${PORTAL_PORT}`;
/** The development provider listens on 127.0.0.1 (its default) and names its issuers after it. */
export const DEV_OIDC_ORIGIN = `http://127.0.0.1:${DEV_OIDC_PORT}`;
export const ISSUERS = { idcaih: `${DEV_OIDC_ORIGIN}/idcaih`, psc: `${DEV_OIDC_ORIGIN}/psc` } as const;
export const FEED_URL = `http://127.0.0.1:${FEED_PORT}/feed.xml`;
export const FEED_CONTROL_URL = `http://127.0.0.1:${FEED_CONTROL_PORT}`;

// Office (issue 6): the OnlyOffice Document Server double (test/doubles/onlyoffice/), a configured
// backend the editor page loads api.js and the editor frame from; the shared secret is made up.
export const ONLYOFFICE_PORT = basePort + 4;
export const ONLYOFFICE_URL = `http://127.0.0.1:${ONLYOFFICE_PORT}`;
export const ONLYOFFICE_JWT_SECRET = "e2e-onlyoffice-shared-secret-not-a-real-one";

// Embedding (issue 7): the sample patient-record software ("DPI", e2e/dpi-sample/) on 127.0.0.1,
// another SITE than the portal's localhost, as a vendor's application is; and a third origin that
// no client registered, whose pages must not be able to frame the editor.
export const DPI_PORT = basePort + 5;
export const DPI_ORIGIN = `http://127.0.0.1:${DPI_PORT}`;
export const UNREGISTERED_PORT = basePort + 6;
export const UNREGISTERED_ORIGIN = `http://127.0.0.1:${UNREGISTERED_PORT}`;

/** The hosts a browser may contact during the tests: the portal and the backends it is configured with. */
export const ALLOWED_BROWSER_ORIGINS: readonly string[] = [PORTAL_URL, DEV_OIDC_ORIGIN, ONLYOFFICE_URL];

/**
 * The institution name the stack is started with: not the default, so that seeing it on a page
 * proves the header follows the configuration (and an apostrophe and accents survive the way).
 */
export const INSTITUTION_NAME = "Hôpital d'essai Sainte-Clotilde";

export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1";
}

/** Throws unless every URL points at this machine. */
export function assertLoopback(...urls: string[]): void {
  for (const url of urls) {
    if (!isLoopbackHostname(new URL(url).hostname)) {
      throw new Error(`e2e tests run against a loopback stack only; refusing ${url}`);
    }
  }
}

assertLoopback(PORTAL_URL, DEV_OIDC_ORIGIN, FEED_URL, FEED_CONTROL_URL, DPI_ORIGIN, UNREGISTERED_ORIGIN);
assertLoopback(ONLYOFFICE_URL);
