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
import { chmod, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/server/dev-oidc/demo-accounts";
import { seedDemoMail, type DemoMailbox } from "@/scripts/demo/groupware-mail-seed";
import { startDovecot } from "@/scripts/standins/dovecot";
import { seedDemoContacts, startOpenLdap } from "@/scripts/standins/openldap";
import { seedDemoCalendar, startRadicale } from "@/scripts/standins/radicale";

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

function installed(...candidates: string[]): boolean {
  return candidates.some((candidate) => existsSync(candidate));
}

function userSet(name: string): boolean {
  const value = process.env[name];
  return value !== undefined && value !== "";
}

export async function startDemoGroupware(options: { dataDir: string; portalPort: number }): Promise<DemoGroupware> {
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
    if (mailConfigured) {
      skipped.push("mail stand-in (Dovecot) — you set IMAP_URL/SMTP_URL");
    } else if (!installed("/usr/sbin/dovecot", "/usr/bin/dovecot")) {
      skipped.push("mail stand-in (Dovecot) — not installed (apt-get install dovecot-imapd dovecot-lmtpd)");
    } else {
      // State in a temporary folder the stand-in removes at stop: the demo's mail starts afresh.
      const running = await startDovecot({ users: accounts.map(({ email, password }) => ({ email, password })) });
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
    if (davConfigured) {
      skipped.push("agenda and contacts stand-in (Radicale) — you set CALDAV_URL/CARDDAV_URL");
    } else if (!installed("/usr/bin/radicale")) {
      skipped.push("agenda and contacts stand-in (Radicale) — not installed (apt-get install radicale)");
    } else {
      const running = await startRadicale({ users: accounts.map(({ login, password }) => ({ login, password })) });
      stops.push(() => running.stop());
      endpoints.davUrl = running.url;
      Object.assign(env, { CALDAV_URL: running.url, CARDDAV_URL: running.url });
      const now = new Date();
      for (const account of accounts) {
        await seedDemoCalendar(running.url, account, now);
        await seedDemoContacts(running.url, account);
      }
      started.push(`agenda and contacts stand-in — Radicale ${running.url} (demo calendars and address books)`);
    }

    // --- Directory: OpenLDAP ---------------------------------------------------------------------------
    const ldapConfigured = userSet("LDAP_URL");
    if (ldapConfigured) {
      skipped.push("directory stand-in (OpenLDAP) — you set LDAP_URL");
    } else if (!installed("/usr/sbin/slapd")) {
      skipped.push("directory stand-in (OpenLDAP) — not installed (apt-get install slapd ldap-utils)");
    } else {
      const running = await startOpenLdap();
      stops.push(() => running.stop());
      endpoints.ldapUrl = running.url;
      Object.assign(env, {
        LDAP_URL: running.url,
        LDAP_BASE_DN: running.baseDn,
        LDAP_BIND_DN: running.bindDn,
        LDAP_BIND_PASSWORD: running.bindPassword,
      });
      started.push(`directory stand-in — OpenLDAP ${running.url} (${running.baseDn}, ${running.people.length} people)`);
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
