/**
 * A throwaway Apache HTTP Server with mod_dav / mod_dav_fs for integration tests: the real WebDAV
 * server the Nextcloud adapter is tested against (Nextcloud's file API is WebDAV; its own extras
 * are emulated by test/doubles/nextcloud/ in front of this one).
 *
 * It runs Debian's `apache2` binary from its own generated httpd.conf in a temporary folder
 * (never /etc/apache2/apache2.conf, never the machine's service), listening on 127.0.0.1 on a free
 * port, with Basic auth from an htpasswd file (apache2-utils) and, per user, one
 * `Alias /remote.php/dav/files/<user>/` (Nextcloud's path), plus the private areas the double uses
 * for what Nextcloud keeps beside the files (trash, versions, chunked-upload folders) under
 * `/double/<area>/<user>/`. Stopped by killing the pid of its PidFile.
 *
 * Gotchas (STANDINS.md section 5): as root, Apache's workers run as www-data, so every folder it
 * writes (data, DavLockDB) is chowned to www-data; `LoadModule log_config_module` must not be
 * listed (built in on Debian); Apache answers weak ETags for files changed less than a second ago
 * (the double smooths that over, as Nextcloud's ETags are strong). Debian's policy-rc.d only
 * stops postinst scripts from starting the system service: it does not concern this private
 * instance, started directly with `apache2 -f`.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort, isRunning } from "./process-probes";

const run = promisify(execFile);

const APACHE_BIN = "/usr/sbin/apache2";
const HTPASSWD_BIN = "/usr/bin/htpasswd";
const MODULES_DIR = "/usr/lib/apache2/modules";

/** The per-user areas: `files` is Nextcloud's; the others are the double's private storage. */
export const APACHE_AREAS = ["files", "trash", "versions", "uploads"] as const;
export type ApacheArea = (typeof APACHE_AREAS)[number];

export interface ApacheUser {
  name: string;
  password: string;
}

export interface RunningApacheWebdav {
  /** http://127.0.0.1:PORT */
  origin: string;
  users: ApacheUser[];
  /** The folder on disk behind each user's area (for assertions and the double's assembly). */
  folder(user: string, area: ApacheArea): string;
  /** URL path of a user's area: `/remote.php/dav/files/alice/` or `/double/trash/alice/`. */
  urlPath(user: string, area: ApacheArea): string;
  /** uid/gid Apache's workers write as (www-data when running as root). */
  owner: { uid: number; gid: number } | null;
  stop(): Promise<void>;
}

export class ApacheNotInstalledError extends Error {
  override name = "ApacheNotInstalledError";
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return check();
}

function urlPathOf(user: string, area: ApacheArea): string {
  return area === "files" ? `/remote.php/dav/files/${user}/` : `/double/${area}/${user}/`;
}

function httpdConf(base: string, port: number, users: ApacheUser[], asRoot: boolean): string {
  const modules = [
    ["mpm_event_module", "mod_mpm_event.so"],
    ["authz_core_module", "mod_authz_core.so"],
    ["authz_user_module", "mod_authz_user.so"],
    ["authn_core_module", "mod_authn_core.so"],
    ["authn_file_module", "mod_authn_file.so"],
    ["auth_basic_module", "mod_auth_basic.so"],
    ["alias_module", "mod_alias.so"],
    ["mime_module", "mod_mime.so"],
    ["dav_module", "mod_dav.so"],
    ["dav_fs_module", "mod_dav_fs.so"],
  ];
  const lines = [
    `ServerRoot "${base}"`,
    `ServerName 127.0.0.1`,
    `Listen 127.0.0.1:${port}`,
    `PidFile "${base}/run/httpd.pid"`,
    `DefaultRuntimeDir "${base}/run"`,
    `Mutex file:${base}/run default`,
    `ErrorLog "${base}/logs/error.log"`,
    `LogLevel warn`,
    ...modules.map(([name, file]) => `LoadModule ${name} ${MODULES_DIR}/${file}`),
    ...(asRoot ? ["User www-data", "Group www-data"] : []),
    `TypesConfig /etc/mime.types`,
    // Nextcloud takes uploads of many GiB: no body limit (Apache 2.4.54+ defaults to 1 GiB).
    `LimitRequestBody 0`,
    `LimitXMLRequestBody 10000000`,
    `KeepAlive On`,
    `MaxKeepAliveRequests 0`,
    `Timeout 120`,
    `DavLockDB "${base}/lock/DavLock"`,
    `<Directory />`,
    `  Require all denied`,
    `  AllowOverride None`,
    `</Directory>`,
  ];
  for (const user of users) {
    for (const area of APACHE_AREAS) {
      const folder = path.join(base, "data", user.name, area);
      lines.push(
        `Alias ${urlPathOf(user.name, area)} "${folder}/"`,
        `<Directory "${folder}">`,
        `  Dav On`,
        `  Options None`,
        `  AuthType Basic`,
        `  AuthName "webdav"`,
        `  AuthUserFile "${base}/htpasswd"`,
        `  Require user ${user.name}`,
        `</Directory>`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** Starts Apache with the given users (name + password), each with their empty areas. */
export async function startApacheWebdav(users: ApacheUser[]): Promise<RunningApacheWebdav> {
  if (!existsSync(APACHE_BIN) || !existsSync(path.join(MODULES_DIR, "mod_dav_fs.so")) || !existsSync(HTPASSWD_BIN)) {
    throw new ApacheNotInstalledError(
      "Apache with mod_dav is not installed. Install it with: apt-get install -y --no-install-recommends apache2 apache2-utils",
    );
  }
  for (const user of users) {
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(user.name)) throw new Error(`unsupported user name: ${user.name}`);
  }
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot
    ? {
        uid: Number(execFileSync("id", ["-u", "www-data"], { encoding: "utf8" }).trim()),
        gid: Number(execFileSync("id", ["-g", "www-data"], { encoding: "utf8" }).trim()),
      }
    : null;
  const base = await mkdtemp(path.join(tmpdir(), "portal-apache-"));
  const pidFile = path.join(base, "run", "httpd.pid");
  let stopped = false;
  let cleanupOnExit: (() => void) | undefined;

  const readPid = async (): Promise<number | undefined> => {
    const pid = Number((await readFile(pidFile, "utf8").catch(() => "")).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  };

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (cleanupOnExit) process.off("exit", cleanupOnExit);
    const pid = await readPid();
    if (pid !== undefined && isRunning(pid)) {
      process.kill(pid, "SIGTERM");
      if (!(await waitFor(() => !isRunning(pid), 10_000))) process.kill(pid, "SIGKILL");
    }
    await rm(base, { recursive: true, force: true });
  };

  try {
    // mkdtemp makes a 0700 folder: Apache's www-data workers must be able to traverse it.
    if (owner) await chmod(base, 0o711);
    await mkdir(path.join(base, "run"));
    await mkdir(path.join(base, "logs"));
    await mkdir(path.join(base, "lock"));
    if (owner) await chown(path.join(base, "lock"), owner.uid, owner.gid);
    for (const user of users) {
      for (const area of APACHE_AREAS) {
        const folder = path.join(base, "data", user.name, area);
        await mkdir(folder, { recursive: true });
        if (owner) {
          await chmod(path.join(base, "data"), 0o711);
          await chmod(path.join(base, "data", user.name), 0o711);
          await chown(folder, owner.uid, owner.gid);
        }
      }
    }
    const htpasswd = path.join(base, "htpasswd");
    for (const [index, user] of users.entries()) {
      // bcrypt at the lowest cost: Apache checks it on every request.
      const flags = index === 0 ? ["-c", "-b", "-B", "-C", "4"] : ["-b", "-B", "-C", "4"];
      await run(HTPASSWD_BIN, [...flags, htpasswd, user.name, user.password]);
    }
    if (users.length === 0) await writeFile(htpasswd, "");

    let port = 0;
    for (let attempt = 1; ; attempt += 1) {
      port = await freePort();
      const conf = path.join(base, "httpd.conf");
      await writeFile(conf, httpdConf(base, port, users, asRoot));
      try {
        await run(APACHE_BIN, ["-f", conf, "-k", "start"], { timeout: 20_000 });
      } catch (error) {
        const { stderr = "" } = error as { stderr?: string };
        throw new Error(`[apache] start failed: ${stderr.trim().split("\n").slice(-5).join(" | ")}`, { cause: error });
      }
      const started = await waitFor(async () => (await readPid()) !== undefined, 5_000);
      const log = await readFile(path.join(base, "logs", "error.log"), "utf8").catch(() => "");
      if (started) break;
      if (attempt < 3 && /Address already in use|could not bind/.test(log)) continue;
      throw new Error(`[apache] did not start: ${log.trim().split("\n").slice(-5).join(" | ")}`);
    }
    cleanupOnExit = () => {
      try {
        const pid = Number(execFileSync("cat", [pidFile], { encoding: "utf8" }).trim());
        if (pid > 0) process.kill(pid, "SIGKILL");
      } catch {
        // already stopped
      }
    };
    process.once("exit", cleanupOnExit);
    // Wait until it answers (the pid file appears slightly before the listener accepts).
    const origin = `http://127.0.0.1:${port}`;
    await waitFor(async () => {
      try {
        await fetch(`${origin}/`, { signal: AbortSignal.timeout(500) });
        return true;
      } catch {
        return false;
      }
    }, 5_000);
    return {
      origin,
      users,
      owner,
      folder: (user, area) => path.join(base, "data", user, area),
      urlPath: urlPathOf,
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
