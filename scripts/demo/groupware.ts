/**
 * The demo's groupware: mail (Dovecot + the SMTP→LMTP bridge), agenda and address books
 * (Radicale), and the directory (OpenLDAP), started as the SAME stand-ins the tests use
 * (scripts/standins/*), each only when its program is installed and the user did not configure
 * that backend already. Each is seeded with demo content for the demo accounts (password `demo`):
 * messages in alice's inbox, a calendar with events today and tomorrow, personal contacts, and the
 * directory's colleagues. What started and what was skipped (and why) goes in the demo's summary.
 *
 * The stand-ins run on free loopback ports with their state in a temporary folder removed at stop:
 * the demo's groupware starts afresh each time. Their addresses go to the portal child as
 * IMAP_URL, SMTP_URL, CALDAV_URL, CARDDAV_URL, LDAP_*; the demo accounts' logins go to the portal
 * through DEMO_GROUPWARE_SEED (server/demo-groupware/), so a demo person is connected at once.
 * The endpoints are also written to .data/demo-groupware-<port>.json (0600) for the browser tests,
 * which deliver hostile mail through the LMTP port.
 *
 * `DEMO_GROUPWARE=off npm run demo` skips them all.
 */
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/server/dev-oidc/demo-accounts";
import { seedDemoMail, type DemoMailbox } from "@/scripts/demo/groupware-mail-seed";

/** What the demo summary and the portal child get from here. */
export interface DemoGroupware {
  /** Variables for the portal child (only those the user did not set). */
  env: Record<string, string>;
  started: string[];
  skipped: string[];
  stop: () => Promise<void>;
}

/** Where the browser tests find the stand-ins of the demo listening on `port`. */
export function demoGroupwareEndpointsFile(dataDir: string, port: number): string {
  return path.join(dataDir, `demo-groupware-${port}.json`);
}

export interface DemoGroupwareEndpoints {
  imapUrl?: string;
  smtpUrl?: string;
  lmtpPort?: number;
  davUrl?: string;
  ldapUrl?: string;
  accounts: Array<{ login: string; email: string; password: string }>;
}

// The stand-ins' shapes as the demo uses them (scripts/standins/*.ts own the real types).
interface RunningDovecot {
  imapUrl: string;
  smtpUrl: string;
  lmtpPort: number;
  stop: () => Promise<void>;
}
interface RunningRadicale {
  url: string;
  stop: () => Promise<void>;
}
interface RunningOpenLdap {
  url: string;
  baseDn: string;
  bindDn: string;
  bindPassword: string;
  stop: () => Promise<void>;
}
interface DovecotModule {
  startDovecot: (options: {
    users: Array<{ email: string; password: string }>;
    dir?: string;
  }) => Promise<RunningDovecot>;
}
interface RadicaleModule {
  startRadicale: (options: {
    users: Array<{ login: string; password: string }>;
    dir?: string;
  }) => Promise<RunningRadicale>;
  seedDemoCalendar?: (url: string, login: { login: string; password: string }, now: Date) => Promise<unknown>;
}
interface OpenLdapModule {
  startOpenLdap: (options: { dir?: string }) => Promise<RunningOpenLdap>;
  seedDemoContacts?: (radicaleUrl: string, login: { login: string; password: string }) => Promise<unknown>;
}

/** Loads a stand-in script of the project, or null when it is not part of this checkout yet. */
async function loadStandin<T>(projectDir: string, name: string): Promise<T | null> {
  const file = path.join(projectDir, "scripts", "standins", `${name}.ts`);
  if (!existsSync(file)) return null;
  return (await import(file)) as T;
}

function installed(...candidates: string[]): boolean {
  return candidates.some((candidate) => existsSync(candidate));
}

function userSet(name: string): boolean {
  const value = process.env[name];
  return value !== undefined && value !== "";
}

export async function startDemoGroupware(options: {
  projectDir: string;
  dataDir: string;
  portalPort: number;
  say: (line: string) => void;
}): Promise<DemoGroupware> {
  const env: Record<string, string> = {};
  const started: string[] = [];
  const skipped: string[] = [];
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch(() => undefined);
    stops.length = 0;
  };

  if (process.env.DEMO_GROUPWARE === "off") {
    skipped.push("mail, agenda, contacts and directory stand-ins — DEMO_GROUPWARE=off");
    return { env, started, skipped, stop };
  }

  const root = await mkdtemp(path.join(tmpdir(), "portal-demo-groupware-"));
  stops.push(() => rm(root, { recursive: true, force: true }));
  const accounts = DEMO_ACCOUNTS.map((account) => ({
    login: account.email,
    email: account.email,
    name: `${account.givenName} ${account.familyName}`,
    password: DEMO_PASSWORD,
  }));
  const endpoints: DemoGroupwareEndpoints = {
    accounts: accounts.map(({ login, email, password }) => ({ login, email, password })),
  };

  try {
    // --- Mail: Dovecot (IMAP, LMTP) and the SMTP submission bridge --------------------------------
    const mailConfigured = userSet("IMAP_URL") || userSet("SMTP_URL");
    const dovecot = mailConfigured ? null : await loadStandin<DovecotModule>(options.projectDir, "dovecot");
    if (mailConfigured) {
      skipped.push("mail stand-in (Dovecot) — you set IMAP_URL/SMTP_URL");
    } else if (!installed("/usr/sbin/dovecot", "/usr/bin/dovecot")) {
      skipped.push("mail stand-in (Dovecot) — not installed (apt-get install dovecot-imapd dovecot-lmtpd)");
    } else if (!dovecot) {
      skipped.push("mail stand-in (Dovecot) — scripts/standins/dovecot.ts is missing");
    } else {
      const running = await dovecot.startDovecot({
        users: accounts.map(({ email, password }) => ({ email, password })),
        dir: path.join(root, "dovecot"),
      });
      stops.push(() => running.stop());
      Object.assign(env, { IMAP_URL: running.imapUrl, SMTP_URL: running.smtpUrl });
      Object.assign(endpoints, { imapUrl: running.imapUrl, smtpUrl: running.smtpUrl, lmtpPort: running.lmtpPort });
      const mailbox = (login: string): DemoMailbox => {
        const found = accounts.find((account) => account.email.startsWith(`${login}@`));
        if (!found) throw new Error(`demo account ${login} is missing`);
        return found;
      };
      const count = await seedDemoMail(running.lmtpPort, {
        alice: mailbox("alice.martin"),
        bruno: mailbox("bruno.durand"),
        chloe: mailbox("chloe.admin"),
      });
      started.push(`mail stand-in — Dovecot IMAP ${running.imapUrl}, SMTP ${running.smtpUrl} (${count} demo messages)`);
    }

    // --- Agenda and address books: Radicale ----------------------------------------------------------
    const davConfigured = userSet("CALDAV_URL") || userSet("CARDDAV_URL");
    const radicale = davConfigured ? null : await loadStandin<RadicaleModule>(options.projectDir, "radicale");
    let davUrl: string | undefined;
    if (davConfigured) {
      skipped.push("agenda and contacts stand-in (Radicale) — you set CALDAV_URL/CARDDAV_URL");
    } else if (!installed("/usr/bin/radicale")) {
      skipped.push("agenda and contacts stand-in (Radicale) — not installed (apt-get install radicale)");
    } else if (!radicale) {
      skipped.push("agenda and contacts stand-in (Radicale) — scripts/standins/radicale.ts is missing");
    } else {
      const running = await radicale.startRadicale({
        users: accounts.map(({ login, password }) => ({ login, password })),
        dir: path.join(root, "radicale"),
      });
      stops.push(() => running.stop());
      davUrl = running.url;
      endpoints.davUrl = running.url;
      Object.assign(env, { CALDAV_URL: running.url, CARDDAV_URL: running.url });
      let seeded = "";
      if (radicale.seedDemoCalendar) {
        const now = new Date();
        for (const account of accounts) await radicale.seedDemoCalendar(running.url, account, now);
        seeded = ", demo calendars";
      }
      started.push(`agenda and contacts stand-in — Radicale ${running.url}${seeded}`);
    }

    // --- Directory: OpenLDAP ---------------------------------------------------------------------------
    const ldapConfigured = userSet("LDAP_URL");
    const openLdap = ldapConfigured ? null : await loadStandin<OpenLdapModule>(options.projectDir, "openldap");
    if (ldapConfigured) {
      skipped.push("directory stand-in (OpenLDAP) — you set LDAP_URL");
    } else if (!installed("/usr/sbin/slapd")) {
      skipped.push("directory stand-in (OpenLDAP) — not installed (apt-get install slapd ldap-utils)");
    } else if (!openLdap) {
      skipped.push("directory stand-in (OpenLDAP) — scripts/standins/openldap.ts is missing");
    } else {
      const running = await openLdap.startOpenLdap({ dir: path.join(root, "openldap") });
      stops.push(() => running.stop());
      endpoints.ldapUrl = running.url;
      Object.assign(env, {
        LDAP_URL: running.url,
        LDAP_BASE_DN: running.baseDn,
        LDAP_BIND_DN: running.bindDn,
        LDAP_BIND_PASSWORD: running.bindPassword,
      });
      let seeded = "";
      if (davUrl && openLdap.seedDemoContacts) {
        for (const account of accounts) await openLdap.seedDemoContacts(davUrl, account);
        seeded = ", demo address books";
      }
      started.push(`directory stand-in — OpenLDAP ${running.url} (${running.baseDn})${seeded}`);
    }
  } catch (error: unknown) {
    await stop();
    throw error;
  }

  if (started.length > 0) {
    // The demo accounts' groupware logins, for the portal to store once each person signs in.
    await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    const seedFile = path.join(options.dataDir, `demo-groupware-seed-${options.portalPort}.json`);
    await writeFile(seedFile, JSON.stringify(endpoints.accounts), { mode: 0o600 });
    await chmod(seedFile, 0o600);
    env.DEMO_GROUPWARE_SEED = seedFile;
    const endpointsFile = demoGroupwareEndpointsFile(options.dataDir, options.portalPort);
    await writeFile(endpointsFile, JSON.stringify(endpoints, null, 2), { mode: 0o600 });
    await chmod(endpointsFile, 0o600);
    stops.unshift(async () => {
      await rm(seedFile, { force: true });
      await rm(endpointsFile, { force: true });
    });
    started.push("groupware logins of the demo accounts — connected at their first sign-in (password demo)");
  }
  return { env, started, skipped, stop };
}
