/**
 * `npm run demo`: the whole portal on one machine with nothing to configure.
 *
 * 1. secrets: AUTH_SECRET and the development client secret, created once in .data/ (0600);
 * 2. `next build` when .next is missing or older than the sources;
 * 3. the development OpenID provider (server/dev-oidc) in this process, on DEV_OIDC_PORT;
 * 4. the groupware stand-ins (scripts/demo/groupware.ts: Dovecot, Radicale, OpenLDAP) when
 *    installed and not configured by the user, seeded with demo mail, events and contacts;
 * 5. the portal server (server/main.ts, NODE_ENV=production) as a child process, pointed at them,
 *    with the embedded database in .data/pglite;
 * 6. one summary once GET /api/health answers. Ctrl-C or SIGTERM stops everything.
 *
 * Every variable the user already set wins over the demo's default (PORT, DATABASE_URL, a real
 * IDCAIH_ISSUER…); an identity slot the user configured is not pointed at the demo provider.
 * The portal listens on 127.0.0.1 by default: its accounts share a published password.
 */
import { createServer } from "node:net";
import path from "node:path";
import { ConfigError, ZEnv, parseEnv } from "@/server/env";
import { DEMO_ACCOUNTS } from "@/server/dev-oidc/demo-accounts";
import { DevOidcRefusedError, assertDevOidcAllowed } from "@/server/dev-oidc/production-guard";
import { startDevOidc, type RunningDevOidc } from "@/server/dev-oidc/start-dev-oidc";
import { runNextBuild, staleBuildReason } from "@/scripts/demo/next-build";
import { startPortalProcess, waitForHealth, type PortalProcess } from "@/scripts/demo/portal-process";
import { loadOrCreateDemoSecrets } from "@/scripts/demo/secrets";
import { startDemoContentServer, type DemoContentServer } from "@/scripts/demo/demo-content-server";
import { startDemoGroupware, type DemoGroupware } from "@/scripts/demo/groupware";

const projectDir = path.resolve(import.meta.dirname, "..");
const dataDir = path.join(projectDir, ".data");
const DEV_OIDC_HOST = "127.0.0.1";
const READY_TIMEOUT_MS = 180_000;

const say = (line: string) => process.stdout.write(`[demo] ${line}\n`);

class DemoError extends Error {}

// Module-level so that a failure anywhere still stops what was started.
let devOidc: RunningDevOidc | undefined;
let portal: PortalProcess | undefined;
let demoContent: DemoContentServer | undefined;
let groupware: DemoGroupware | undefined;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say("stopping…");
    await portal?.stop().catch(() => undefined);
    await groupware?.stop().catch(() => undefined);
    await devOidc?.close().catch(() => undefined);
    await demoContent?.close().catch(() => undefined);
  }
  process.exit(code);
}

/** The user's environment, with empty values treated as unset (as server/env.ts does). */
function userSet(name: string): boolean {
  const value = process.env[name];
  return value !== undefined && value !== "";
}

function parseOrExplain<T>(name: string, parse: () => T): T {
  try {
    return parse();
  } catch {
    throw new DemoError(`${name}=${process.env[name]} is not valid; see server/env.ts`);
  }
}

function assertPortFree(host: string, port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new DemoError(
              `port ${port} is already in use on ${host}: choose another with ${variable}=<port> npm run demo`,
            )
          : error,
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

function loopbackBaseUrl(host: string, port: number): string {
  const reachable = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}

async function main(): Promise<void> {
  const started: string[] = [];
  const skipped: string[] = [];

  const port = parseOrExplain("PORT", () => ZEnv.shape.PORT.parse(process.env.PORT || undefined));
  const devOidcPort = parseOrExplain("DEV_OIDC_PORT", () =>
    ZEnv.shape.DEV_OIDC_PORT.parse(process.env.DEV_OIDC_PORT || undefined),
  );
  const portalUrl = (process.env.PORTAL_URL || `http://localhost:${port}`).replace(/\/+$/, "");

  const { secrets, created } = await loadOrCreateDemoSecrets(dataDir);
  say(
    created ? "created secrets in .data/demo-secrets.json (mode 0600)" : "using the secrets in .data/demo-secrets.json",
  );

  const idcaihOnDemo = !userSet("IDCAIH_ISSUER");
  const pscOnDemo = !userSet("PSC_ISSUER");
  const devOrigin = `http://${DEV_OIDC_HOST}:${devOidcPort}`;
  const devIssuers = { idcaih: `${devOrigin}/idcaih`, psc: `${devOrigin}/psc` };

  // The institution's news feed: the demo's fictitious one, unless the user names theirs.
  if (!userSet("NEWS_FEED_URL")) demoContent = await startDemoContentServer(projectDir);

  const defaults: Record<string, string> = {
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    PORTAL_URL: portalUrl,
    AUTH_SECRET: secrets.authSecret,
    PGLITE_DIR: path.join(".data", "pglite"),
    LOG_LEVEL: "warn",
    // Next.js would otherwise report usage to an outside host: the portal contacts none.
    NEXT_TELEMETRY_DISABLED: "1",
    ...(demoContent ? { NEWS_FEED_URL: demoContent.feedUrl } : {}),
  };
  if (idcaihOnDemo) {
    Object.assign(defaults, {
      IDCAIH_ISSUER: devIssuers.idcaih,
      IDCAIH_CLIENT_ID: "portal",
      IDCAIH_CLIENT_SECRET: secrets.devClientSecret,
      IDCAIH_LABEL: "Compte de démonstration (ID CAIH)",
    });
  }
  if (pscOnDemo) {
    Object.assign(defaults, {
      PSC_ISSUER: devIssuers.psc,
      PSC_CLIENT_ID: "portal",
      PSC_CLIENT_SECRET: secrets.devClientSecret,
      PSC_DISCOVERY_URL: `${devIssuers.psc}/.well-known/wallet-openid-configuration`,
    });
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(defaults)) {
    // A secret given as NAME_FILE counts as set: server/env.ts ignores the file when NAME is set.
    if (!userSet(name) && !userSet(`${name}_FILE`)) env[name] = value;
  }
  // Fail here, with the portal's own messages, rather than after a one-minute build.
  const config = parseEnv(env);
  const devOidcNeeded = idcaihOnDemo || pscOnDemo;
  if (devOidcNeeded) {
    assertDevOidcAllowed(process.env);
    await assertPortFree(DEV_OIDC_HOST, devOidcPort, "DEV_OIDC_PORT");
  }
  await assertPortFree(config.HOST, config.PORT, "PORT");

  const reason = await staleBuildReason(projectDir);
  if (reason) {
    say(`running next build: ${reason}`);
    const startedAt = Date.now();
    await runNextBuild(projectDir, env).catch((error: unknown) => {
      throw new DemoError(`${error instanceof Error ? error.message : String(error)}; its errors are above`);
    });
    say(`next build done in ${Math.round((Date.now() - startedAt) / 1000)} s`);
    started.push("next build (the build was missing or older than the sources)");
  } else {
    skipped.push("next build — .next is up to date with the sources");
  }

  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(0));

  if (devOidcNeeded) {
    devOidc = await startDevOidc({
      port: devOidcPort,
      host: DEV_OIDC_HOST,
      portalUrl: config.PORTAL_URL ?? portalUrl,
      clientSecret: secrets.devClientSecret,
      keysDir: path.join(dataDir, "dev-oidc"),
    });
    const slots = [
      idcaihOnDemo ? `ID CAIH ${devOidc.issuers.idcaih}` : "",
      pscOnDemo ? `Pro Santé Connect ${devOidc.issuers.psc}` : "",
    ];
    started.push(`development OpenID provider — ${slots.filter(Boolean).join(", ")}`);
  } else {
    skipped.push("development OpenID provider — IDCAIH_ISSUER and PSC_ISSUER are both set by you");
  }
  if (!idcaihOnDemo) started.push(`ID CAIH slot uses your IDCAIH_ISSUER ${config.IDCAIH_ISSUER ?? ""}`);
  if (!pscOnDemo) started.push(`Pro Santé Connect slot uses your PSC_ISSUER ${config.PSC_ISSUER ?? ""}`);

  // Mail, agenda, contacts and directory: the tests' stand-ins, when installed and not configured by you.
  groupware = await startDemoGroupware({ dataDir, portalPort: config.PORT });
  for (const [name, value] of Object.entries(groupware.env)) if (!userSet(name)) env[name] = value;
  started.push(...groupware.started);
  skipped.push(...groupware.skipped);

  portal = startPortalProcess(projectDir, env);
  void portal.exited.then((code) => {
    if (!stopping) {
      say(`the portal server stopped (exit code ${code})`);
      void stopAll(code === 0 ? 1 : code);
    }
  });
  await waitForHealth(loopbackBaseUrl(config.HOST, config.PORT), {
    timeoutMs: READY_TIMEOUT_MS,
    exited: portal.exited,
  });
  started.unshift(
    `portal server — server/main.ts, NODE_ENV=${config.NODE_ENV}, listening on ${config.HOST}:${config.PORT}`,
    config.DATABASE_URL
      ? "database — your PostgreSQL (DATABASE_URL)"
      : `database — embedded PGlite in ${config.PGLITE_DIR}`,
  );
  started.push(
    demoContent
      ? `demo news feed — ${demoContent.feedUrl}`
      : `news feed — your NEWS_FEED_URL ${config.NEWS_FEED_URL ?? ""}`,
  );

  const accounts = DEMO_ACCOUNTS.map((account) => `${account.login} (${account.profession})`).join(", ");
  const lines = [
    "",
    "────────────────────────────────────────────────────────────────────────",
    `  Portal ready:  ${config.PORTAL_URL ?? portalUrl}`,
    `  Accounts:      ${accounts}`,
    "                 password: demo",
    "  Started:",
    ...started.map((item) => `    ✓ ${item}`),
    "  Skipped:",
    ...skipped.map((item) => `    – ${item}`),
    `  Data: .data/ (delete it to start afresh). Logs: LOG_LEVEL=${config.LOG_LEVEL}.`,
    "  Stop: Ctrl-C",
    "────────────────────────────────────────────────────────────────────────",
    "",
  ];
  process.stdout.write(lines.join("\n"));
}

main().catch(async (error: unknown) => {
  if (error instanceof DemoError || error instanceof ConfigError || error instanceof DevOidcRefusedError) {
    process.stderr.write(`[demo] cannot start: ${error.message}\n`);
  } else {
    process.stderr.write(`[demo] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  await stopAll(1);
});
