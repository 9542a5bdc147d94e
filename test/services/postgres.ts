/**
 * A throwaway PostgreSQL server for integration tests: its own cluster in a temporary folder,
 * listening on 127.0.0.1 on a free port, durability off (fsync, synchronous_commit,
 * full_page_writes) because the data dies with the test, and a `portal` role and database with a
 * random password. The machine's own cluster (15/main on 5432) is never touched.
 *
 * Why runuser: initdb and postgres refuse to run as root, and tests run as root in CI. As another
 * user, the binaries run directly. The unix socket lives in the cluster's own 0700 folder, so the
 * `trust` rule for local connections (used once, to create the role) is reachable by its owner only.
 */
import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort, isRunning } from "./process-probes";

const run = promisify(execFile);

export interface RunningPostgres {
  /** postgresql://portal:…@127.0.0.1:PORT/portal */
  url: string;
  stop(): Promise<void>;
}

export class PostgresNotInstalledError extends Error {
  override name = "PostgresNotInstalledError";
}

/** Debian keeps the server binaries out of PATH, under /usr/lib/postgresql/<major>/bin. */
export function findPostgresBinDir(debianRoot = "/usr/lib/postgresql", searchPath = process.env.PATH ?? ""): string {
  const majors = existsSync(debianRoot)
    ? readdirSync(debianRoot)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const major of majors) {
    const dir = path.join(debianRoot, major, "bin");
    if (existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl"))) return dir;
  }
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl"))) return dir;
  }
  throw new PostgresNotInstalledError(
    "PostgreSQL is not installed: no initdb/pg_ctl under /usr/lib/postgresql/*/bin or in PATH. " +
      "Install it with: apt-get install -y --no-install-recommends postgresql-15",
  );
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !isRunning(pid);
}

async function postmasterPid(dataDir: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(path.join(dataDir, "postmaster.pid"), "utf8")).split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export async function startPostgres(): Promise<RunningPostgres> {
  const binDir = findPostgresBinDir();
  const asRoot = process.getuid?.() === 0;
  // Only root can (and must) switch to the postgres user.
  const wrap = (command: string, args: string[]): [string, string[]] =>
    asRoot
      ? ["runuser", ["-u", "postgres", "--", path.join(binDir, command), ...args]]
      : [path.join(binDir, command), args];
  const exec = async (command: string, args: string[]) => {
    const [file, argv] = wrap(command, args);
    try {
      await run(file, argv, { env: { ...process.env, LC_ALL: "C" }, timeout: 60_000 });
    } catch (error) {
      const { stderr = "", stdout = "" } = error as { stderr?: string; stdout?: string };
      throw new Error(`[postgres] ${command} failed: ${(stderr || stdout).trim().split("\n").slice(-5).join(" | ")}`, {
        cause: error,
      });
    }
  };

  const baseDir = await mkdtemp(path.join(tmpdir(), "portal-pg-"));
  const dataDir = path.join(baseDir, "data");
  const logFile = path.join(baseDir, "postgres.log");
  let stopped = false;
  let cleanupOnExit: (() => void) | undefined;

  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    if (cleanupOnExit) process.off("exit", cleanupOnExit);
    const pid = await postmasterPid(dataDir);
    if (pid !== undefined) {
      await exec("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "-t", "15", "stop"]).catch(() => undefined);
      // pg_ctl -w waits for postmaster.pid to vanish; also make sure the process is gone
      // (zombies count as gone) before deleting its folder.
      if (!(await waitForExit(pid, 10_000))) process.kill(pid, "SIGKILL");
    }
    await rm(baseDir, { recursive: true, force: true });
  };

  try {
    if (asRoot) {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
      await chown(baseDir, uid, gid);
      await mkdir(dataDir, { mode: 0o700 });
      await chown(dataDir, uid, gid);
    }
    await exec("initdb", [
      "-D",
      dataDir,
      "-U",
      "postgres",
      "--no-sync",
      "--no-locale",
      "-E",
      "UTF8",
      "--auth-local=trust",
      "--auth-host=scram-sha-256",
    ]);

    // A free port can be taken between the probe and the bind: try a few.
    let port = 0;
    for (let attempt = 1; ; attempt += 1) {
      port = await freePort();
      const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${baseDir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        await exec("pg_ctl", ["-D", dataDir, "-l", logFile, "-o", options, "-w", "-t", "30", "start"]);
        break;
      } catch (error) {
        const log = await readFile(logFile, "utf8").catch(() => "");
        if (attempt < 3 && /could not bind|Address already in use/.test(log)) continue;
        throw new Error(
          `${(error as Error).message}\n[postgres] log tail: ${log.trim().split("\n").slice(-5).join(" | ")}`,
          { cause: error },
        );
      }
    }
    // If the test process dies without calling stop(), do not leave a server behind.
    cleanupOnExit = () => {
      const [file, argv] = wrap("pg_ctl", ["-D", dataDir, "-m", "immediate", "stop"]);
      try {
        execFileSync(file, argv, { stdio: "ignore" });
      } catch {
        // already stopped
      }
    };
    process.once("exit", cleanupOnExit);

    const password = randomBytes(24).toString("hex");
    const admin = new pg.Client({ host: baseDir, port, user: "postgres", database: "postgres" });
    await admin.connect();
    try {
      // Hex password and fixed names: nothing here needs quoting beyond the literal.
      // CREATEDB: each integration test file gets a database of its own (test/support/test-database.ts).
      await admin.query(`CREATE ROLE portal LOGIN CREATEDB PASSWORD '${password}'`);
      await admin.query("CREATE DATABASE portal OWNER portal");
    } finally {
      await admin.end();
    }
    return { url: `postgresql://portal:${password}@127.0.0.1:${port}/portal`, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
