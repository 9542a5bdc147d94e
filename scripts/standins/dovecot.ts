/**
 * The mail stand-in used by the tests, the benchmarks and the demo: a private Dovecot (IMAP with
 * THREAD/SORT/MOVE/UIDPLUS, LMTP delivery) on free loopback ports, plus the SMTP→LMTP bridge
 * (smtp-lmtp-bridge.ts) as the submission server. It never reads /etc/dovecot nor touches the
 * system service: its own dovecot.conf, passwd-file (PLAIN passwords, full addresses as logins),
 * static userdb (uid/gid nobody), Maildir per user, ssl=no (loopback only), and the special-use
 * folders (Drafts, Sent, Trash, Archive, Junk) created and subscribed automatically, as BlueMind
 * has them. Dovecot runs in the foreground (-F) as this process's child, so it dies with us.
 *
 *   const mail = await startDovecot({ users: [{ email: "alice@example.test", password: "x" }] });
 *   mail.imapUrl  // imap://127.0.0.1:PORT      mail.smtpUrl  // smtp://127.0.0.1:PORT
 *   await mail.stop();
 */
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, isRunning } from "@/test/services/process-probes";
import { startSmtpLmtpBridge, type RunningBridge } from "./smtp-lmtp-bridge";

export interface DovecotUser {
  email: string;
  password: string;
}

export interface StartDovecotOptions {
  users: readonly DovecotUser[];
  /** State folder (created); a temporary one by default, removed on stop when temporary. */
  dir?: string;
  /** Recipients in these domains are refused by the submission bridge (550), for failure tests. */
  refusedDomains?: readonly string[];
  /** Submission size limit (552 above it); 25 MiB by default. */
  maxMessageBytes?: number;
  /** Path of the dovecot binary. */
  binary?: string;
  /**
   * Also accept OAuth bearer tokens (IMAP XOAUTH2 and OAUTHBEARER, submission XOAUTH2), checked by
   * RFC 7662 introspection (POST token=…): the answer must say `active: true` and give `email` =
   * the login. Point it at the identity provider's introspection endpoint (with client
   * credentials in the URL) or at a test double.
   */
  oauth2?: { introspectionUrl: string };
}

export interface RunningDovecot {
  /** imap://127.0.0.1:PORT (plaintext on loopback; Dovecot treats loopback as secured). */
  imapUrl: string;
  imapPort: number;
  /** smtp://127.0.0.1:PORT — the bridge: AUTH required, delivers through LMTP. */
  smtpUrl: string;
  smtpPort: number;
  lmtpPort: number;
  users: readonly DovecotUser[];
  /** Folder holding mail/<user>/Maildir (tests may read delivered files). */
  dir: string;
  stop(): Promise<void>;
}

export interface SeedMessage {
  /** The RFC 5322 message, CRLF line ends. */
  raw: Buffer;
  seen?: boolean;
  /** Delivery time (INTERNALDATE); defaults to now. */
  date?: Date;
}

/**
 * Writes messages straight into a user's Maildir (cur/), as a delivery agent would, for large
 * seeds (10,000 messages in a second where APPEND takes minutes). Dovecot indexes them at the
 * next SELECT, assigning UIDs in file-name order, i.e. in the order given here. Call before the
 * user's first login or between sessions.
 */
export async function seedMaildir(
  mail: Pick<RunningDovecot, "dir">,
  email: string,
  messages: readonly SeedMessage[],
): Promise<void> {
  const maildir = path.join(mail.dir, "mail", email, "Maildir");
  for (const sub of ["cur", "new", "tmp"]) await mkdir(path.join(maildir, sub), { recursive: true });
  const stamp = Math.floor(Date.now() / 1000);
  let index = 0;
  for (const message of messages) {
    index += 1;
    const name = `${stamp}.M${String(index).padStart(7, "0")}P${process.pid}.standin,S=${message.raw.length}:2,${message.seen ? "S" : ""}`;
    const file = path.join(maildir, "cur", name);
    await writeFile(file, message.raw);
    if (message.date) await utimes(file, message.date, message.date);
  }
  for (const target of [path.join(mail.dir, "mail", email), maildir]) await chownTree(target);
}

async function chownTree(target: string): Promise<void> {
  await chown(target, NOBODY, NOBODY).catch(() => undefined);
  const entries = await readdir(target, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) await chownTree(full);
    else await chown(full, NOBODY, NOBODY).catch(() => undefined);
  }
}

export class DovecotNotInstalledError extends Error {
  override name = "DovecotNotInstalledError";
}

const NOBODY = 65534;

/** True once the IMAP greeting arrives. */
function imapGreets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("error", () => done(false));
    socket.once("data", (chunk: Buffer) => done(chunk.toString("utf8").startsWith("* OK")));
  });
}

function validateUser(user: DovecotUser): void {
  if (!/^[^\s:@]+@[^\s:@]+$/.test(user.email)) throw new Error(`[dovecot] invalid user address: ${user.email}`);
  if (/[\s:]/.test(user.password) || user.password === "")
    throw new Error("[dovecot] passwords may not hold spaces or ':'");
}

function oauth2Conf(introspectionUrl: string): string {
  return `introspection_url = ${introspectionUrl}
introspection_mode = post
force_introspection = yes
username_attribute = email
username_format = %Lu
active_attribute = active
active_value = true
timeout_msecs = 5000
`;
}

function dovecotConf(dir: string, ports: { imap: number; lmtp: number }, oauth2: boolean): string {
  const mailbox = (name: string, use: string) =>
    `  mailbox ${name} {\n    special_use = \\${use}\n    auto = subscribe\n  }\n`;
  return `# Private stand-in configuration (scripts/standins/dovecot.ts). Never used in production.
instance_name = portal-standin-${path.basename(dir)}
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
info_log_path = ${dir}/dovecot.log
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login${oauth2 ? " xoauth2 oauthbearer" : ""}
protocols = imap lmtp
default_internal_user = dovecot
default_login_user = dovenull
login_trusted_networks = 127.0.0.1/32
mail_location = maildir:${dir}/mail/%u/Maildir
mail_uid = ${NOBODY}
mail_gid = ${NOBODY}
first_valid_uid = 1
mail_privileged_group =
imap_max_line_length = 256k
mail_max_userip_connections = 200
auth_failure_delay = 0
${
  oauth2
    ? `passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = ${dir}/dovecot-oauth2.conf.ext
}
`
    : ""
}passdb {
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u ${dir}/users.passwd
}
userdb {
  driver = static
  # allow_all_users: LMTP must not ask the passdb whether a user exists (an oauth2 passdb cannot
  # answer lookups); the bridge only ever delivers to the known users.
  args = uid=${NOBODY} gid=${NOBODY} home=${dir}/mail/%u allow_all_users=yes
}
namespace inbox {
  inbox = yes
  separator = /
${mailbox("Drafts", "Drafts")}${mailbox("Sent", "Sent")}${mailbox("Trash", "Trash")}${mailbox("Archive", "Archive")}${mailbox("Junk", "Junk")}}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${ports.imap}
  }
  inet_listener imaps {
    port = 0
  }
  process_min_avail = 1
  service_count = 0
}
service imap {
  process_limit = 512
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = ${ports.lmtp}
  }
  unix_listener lmtp {
    mode = 0600
  }
}
service auth {
  unix_listener auth-userdb {
    mode = 0666
  }
}
protocol lmtp {
  postmaster_address = postmaster@example.test
}
`;
}

export async function startDovecot(options: StartDovecotOptions): Promise<RunningDovecot> {
  options.users.forEach(validateUser);
  const temporary = !options.dir;
  const dir = options.dir ?? (await mkdtemp(path.join(tmpdir(), "portal-dovecot-")));
  await mkdir(dir, { recursive: true });
  // Dovecot's mail processes run as nobody: they must be able to reach their Maildir.
  await chmod(dir, 0o755);
  for (const sub of ["run", "state"]) await mkdir(path.join(dir, sub), { recursive: true });
  await mkdir(path.join(dir, "mail"), { recursive: true });
  await chown(path.join(dir, "mail"), NOBODY, NOBODY).catch(() => undefined);
  await writeFile(
    path.join(dir, "users.passwd"),
    options.users.map((user) => `${user.email}:{PLAIN}${user.password}::::::\n`).join(""),
    { mode: 0o644 }, // read by the auth process (user dovecot); stand-in passwords only
  );

  for (let attempt = 1; ; attempt += 1) {
    const ports = { imap: await freePort(), lmtp: await freePort() };
    const configPath = path.join(dir, "dovecot.conf");
    if (options.oauth2)
      await writeFile(path.join(dir, "dovecot-oauth2.conf.ext"), oauth2Conf(options.oauth2.introspectionUrl));
    await writeFile(configPath, dovecotConf(dir, ports, Boolean(options.oauth2)));
    const child: ChildProcess = spawn(options.binary ?? "dovecot", ["-F", "-c", configPath], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const spawnError = await new Promise<Error | null>((resolve) => {
      child.once("error", resolve);
      child.once("spawn", () => resolve(null));
    });
    if (spawnError) {
      if (temporary) await rm(dir, { recursive: true, force: true });
      throw (spawnError as NodeJS.ErrnoException).code === "ENOENT"
        ? new DovecotNotInstalledError(
            "dovecot is not installed. Install it with: apt-get install -y --no-install-recommends dovecot-imapd dovecot-lmtpd dovecot-submissiond",
          )
        : spawnError;
    }
    // On exit without stop() (a test runner ending the process): no orphan server, no temp folder left.
    const killOnExit = () => {
      child.kill("SIGKILL");
      if (temporary) rmSync(dir, { recursive: true, force: true });
    };
    process.once("exit", killOnExit);
    const deadline = Date.now() + 10_000;
    let ready = false;
    while (!ready && Date.now() < deadline && child.exitCode === null) {
      ready = await imapGreets(ports.imap);
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    if (!ready) {
      process.off("exit", killOnExit);
      child.kill("SIGKILL");
      await exited;
      if (attempt >= 3 || !/in use/i.test(stderr)) {
        if (temporary) await rm(dir, { recursive: true, force: true });
        throw new Error(`[dovecot] did not start: ${stderr.trim().split("\n").slice(-3).join(" | ")}`);
      }
      continue;
    }
    let bridge: RunningBridge;
    try {
      bridge = await startSmtpLmtpBridge({
        users: options.users,
        lmtpPort: ports.lmtp,
        refusedDomains: options.refusedDomains,
        maxMessageBytes: options.maxMessageBytes,
        ...(options.oauth2 ? { introspectionUrl: options.oauth2.introspectionUrl } : {}),
      });
    } catch (error) {
      child.kill("SIGKILL");
      await exited;
      throw error;
    }
    let stopped = false;
    return {
      imapUrl: `imap://127.0.0.1:${ports.imap}`,
      imapPort: ports.imap,
      smtpUrl: `smtp://127.0.0.1:${bridge.port}`,
      smtpPort: bridge.port,
      lmtpPort: ports.lmtp,
      users: options.users,
      dir,
      async stop() {
        if (stopped) return;
        stopped = true;
        process.off("exit", killOnExit);
        await bridge.stop();
        const pid = child.pid;
        if (child.exitCode === null && pid !== undefined && isRunning(pid)) {
          child.kill("SIGTERM");
          const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
          // The master may exit as a zombie a reaper collects late: poll instead of waiting on "exit" only.
          while (child.exitCode === null && isRunning(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
          clearTimeout(timer);
        }
        if (temporary) await rm(dir, { recursive: true, force: true });
      },
    };
  }
}
