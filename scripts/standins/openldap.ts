/**
 * A private OpenLDAP server standing in for the organisation's directory (ID CAIH) in tests and
 * the demo: Debian's `slapd` on 127.0.0.1 and a free port, from its own slapd.conf (never
 * /etc/ldap), mdb backend, schemas core/cosine/inetorgperson/nis, seeded with the hospital's
 * people (directory-people.ts) under ou=people.
 *
 * Two accounts: the rootdn (writes; tests only) and a read-only service account
 * (cn=portal-reader), which is what the portal binds as (LDAP_BIND_DN / LDAP_BIND_PASSWORD).
 * Anonymous clients may bind but read nothing, like most hospital directories.
 *
 * What was learned running it here (Debian 12, slapd 2.5), the first of the project to do so:
 *   - `slapadd -f slapd.conf -l seed.ldif` BEFORE starting loads the entries in ~20 ms; far
 *     faster than ldapadd over the network, and needs no running server.
 *   - `-d 0` keeps slapd in the foreground (no fork): the child is ours and dies with SIGTERM.
 *   - It runs as root without complaint (no -u/-g needed for a throwaway server).
 *   - LDIF values that are not plain ASCII must be written `attr:: <base64>`.
 *   - caseIgnoreMatch folds case beyond ASCII (`HÉL*` finds "Hélène") but NOT accents (`hel*`
 *     does not): the portal's search also tries the accent-stripped text on `mail`/`uid`.
 *   - `cleartext` userPassword values work for simple binds (no password-hash directive set).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "@/test/services/process-probes";
import { DIRECTORY_PEOPLE, type DirectoryPerson } from "./directory-people";

const run = promisify(execFile);

const SLAPD = "/usr/sbin/slapd";
const SLAPADD = "/usr/sbin/slapadd";
const SCHEMA_DIR = "/etc/ldap/schema";
export const STANDIN_SUFFIX = "dc=demo,dc=hopital,dc=test";

export interface RunningOpenLdap {
  /** ldap://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Where people live: ou=people,dc=demo,dc=hopital,dc=test (LDAP_BASE_DN). */
  baseDn: string;
  /** The read-only service account (LDAP_BIND_DN / LDAP_BIND_PASSWORD). */
  bindDn: string;
  bindPassword: string;
  /** The administrator (writes), for tests that change the directory. */
  rootDn: string;
  rootPassword: string;
  people: readonly DirectoryPerson[];
  /** The server's folder (config, database) and process id. */
  dir: string;
  pid: number;
  stop(): Promise<void>;
}

export class OpenLdapNotInstalledError extends Error {
  override name = "OpenLdapNotInstalledError";
}

export interface StartOpenLdapOptions {
  /** The people to seed (default: the demo hospital's). */
  people?: readonly DirectoryPerson[];
  /** A folder to keep the database in (the demo); a temporary one, removed on stop, otherwise. */
  dir?: string;
}

function ldifLine(attribute: string, value: string): string {
  // RFC 2849: a SAFE-STRING is ASCII without leading space/colon/<; anything else in base64.
  const safe = /^[\x01-\x09\x0b\x0c\x0e-\x1f\x21-\x39\x3b\x3d-\x7f][\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(value);
  return safe && !value.endsWith(" ")
    ? `${attribute}: ${value}`
    : `${attribute}:: ${Buffer.from(value, "utf8").toString("base64")}`;
}

function entry(dn: string, attributes: Array<[string, string]>): string {
  return [ldifLine("dn", dn), ...attributes.map(([name, value]) => ldifLine(name, value))].join("\n");
}

export function seedLdif(people: readonly DirectoryPerson[], readerDn: string, readerPassword: string): string {
  const baseDn = `ou=people,${STANDIN_SUFFIX}`;
  const entries = [
    entry(STANDIN_SUFFIX, [
      ["objectClass", "dcObject"],
      ["objectClass", "organization"],
      ["o", "Centre hospitalier de démonstration"],
      ["dc", "demo"],
    ]),
    entry(readerDn, [
      ["objectClass", "organizationalRole"],
      ["objectClass", "simpleSecurityObject"],
      ["cn", "portal-reader"],
      ["description", "Read-only account of the workspace portal"],
      ["userPassword", readerPassword],
    ]),
    entry(baseDn, [
      ["objectClass", "organizationalUnit"],
      ["ou", "people"],
    ]),
    ...people.map((person) =>
      entry(`uid=${person.uid},${baseDn}`, [
        ["objectClass", "inetOrgPerson"],
        ["uid", person.uid],
        ["cn", `${person.givenName} ${person.sn}`],
        ["displayName", `${person.givenName} ${person.sn}`],
        ["givenName", person.givenName],
        ["sn", person.sn],
        ["mail", person.mail],
        ["title", person.title],
        ["ou", person.ou],
        ["telephoneNumber", person.telephoneNumber],
        ...(person.employeeNumber ? [["employeeNumber", person.employeeNumber] as [string, string]] : []),
      ]),
    ),
  ];
  return entries.join("\n\n") + "\n";
}

function slapdConf(dir: string, rootDn: string, rootPassword: string, readerDn: string): string {
  return [
    ...["core", "cosine", "inetorgperson", "nis"].map((schema) => `include ${SCHEMA_DIR}/${schema}.schema`),
    `pidfile ${path.join(dir, "slapd.pid")}`,
    `argsfile ${path.join(dir, "slapd.args")}`,
    "modulepath /usr/lib/ldap",
    "moduleload back_mdb",
    "sizelimit 500",
    "database mdb",
    "maxsize 104857600",
    `suffix "${STANDIN_SUFFIX}"`,
    `rootdn "${rootDn}"`,
    `rootpw ${rootPassword}`,
    `directory ${path.join(dir, "data")}`,
    "index objectClass eq",
    "index cn,sn,givenName,mail,uid,ou pres,eq,sub",
    "access to attrs=userPassword by anonymous auth by * none",
    `access to * by dn.exact="${readerDn}" read by users read by * none`,
    "",
  ].join("\n");
}

/** Resolves when the port accepts a TCP connection. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.setTimeout(500, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
  });
}

export async function startOpenLdap(options: StartOpenLdapOptions = {}): Promise<RunningOpenLdap> {
  if (!existsSync(SLAPD) || !existsSync(SLAPADD)) {
    throw new OpenLdapNotInstalledError(
      "OpenLDAP is not installed: no /usr/sbin/slapd. Install it with: apt-get install -y --no-install-recommends slapd ldap-utils",
    );
  }
  const people = options.people ?? DIRECTORY_PEOPLE;
  const keep = options.dir !== undefined;
  const dir = options.dir ?? (await mkdtemp(path.join(tmpdir(), "portal-openldap-")));
  await mkdir(dir, { recursive: true });
  const rootDn = `cn=admin,${STANDIN_SUFFIX}`;
  const bindDn = `cn=portal-reader,${STANDIN_SUFFIX}`;
  // A kept folder keeps its passwords: they are written beside the data the first time.
  const secretsFile = path.join(dir, "passwords.json");
  let rootPassword = randomBytes(12).toString("hex");
  let bindPassword = randomBytes(12).toString("hex");
  const dataDir = path.join(dir, "data");
  const seeded = existsSync(path.join(dataDir, "data.mdb")) && existsSync(secretsFile);
  if (seeded) {
    const saved = JSON.parse(await readFile(secretsFile, "utf8")) as {
      rootPassword: string;
      bindPassword: string;
    };
    rootPassword = saved.rootPassword;
    bindPassword = saved.bindPassword;
  }
  const conf = path.join(dir, "slapd.conf");
  await writeFile(conf, slapdConf(dir, rootDn, rootPassword, bindDn), { mode: 0o600 });
  if (!seeded) {
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    const ldif = path.join(dir, "seed.ldif");
    await writeFile(ldif, seedLdif(people, bindDn, bindPassword), { mode: 0o600 });
    try {
      await run(SLAPADD, ["-q", "-f", conf, "-l", ldif]);
    } catch (error) {
      if (!keep) await rm(dir, { recursive: true, force: true });
      throw new Error(`[openldap] slapadd failed: ${(error as { stderr?: string }).stderr ?? String(error)}`);
    }
    await writeFile(secretsFile, JSON.stringify({ rootPassword, bindPassword }), { mode: 0o600 });
  }

  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const url = `ldap://127.0.0.1:${port}`;
    const child: ChildProcess = spawn(SLAPD, ["-h", `${url}/`, "-f", conf, "-d", "0"], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-4000);
    });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const killOnExit = () => child.kill("SIGKILL");
    process.once("exit", killOnExit);
    const deadline = Date.now() + 10_000;
    let ready = false;
    while (!ready && Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
      ready = await accepts(port);
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    if (ready) {
      let stopped = false;
      return {
        url,
        port,
        baseDn: `ou=people,${STANDIN_SUFFIX}`,
        bindDn,
        bindPassword,
        rootDn,
        rootPassword,
        people,
        dir,
        pid: child.pid ?? 0,
        async stop() {
          if (stopped) return;
          stopped = true;
          process.off("exit", killOnExit);
          if (child.exitCode === null && child.signalCode === null) {
            child.kill("SIGTERM");
            const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
            await exited;
            clearTimeout(timer);
          }
          if (!keep) await rm(dir, { recursive: true, force: true });
        },
      };
    }
    process.off("exit", killOnExit);
    child.kill("SIGKILL");
    await exited;
    if (attempt >= 3 || !/bind|in use/i.test(stderr)) {
      if (!keep) await rm(dir, { recursive: true, force: true });
      throw new Error(`[openldap] slapd did not start: ${stderr.trim().split("\n").slice(-3).join(" | ")}`);
    }
  }
}

/** The demo's personal address books live on Radicale; the demo wiring finds them here. */
export { seedDemoContacts } from "./demo-contacts";
