/**
 * A throwaway Redis server for integration tests and benchmarks: `redis-server` on 127.0.0.1 and
 * a free port, a random password, no persistence (RDB and AOF off, its own temporary folder), no
 * daemonising — the child process is this one's, and is killed on stop or when this process exits.
 * The machine's own Redis (if any) is never touched.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./process-probes";

export interface RunningRedis {
  /** redis://:password@127.0.0.1:PORT */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export class RedisNotInstalledError extends Error {
  override name = "RedisNotInstalledError";
}

/** Sends PING with the password; resolves true on +PONG. */
function ping(port: number, password: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    let answer = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once("error", () => done(false));
    socket.on("connect", () => socket.write(`AUTH ${password}\r\nPING\r\n`));
    socket.on("data", (chunk) => {
      answer += chunk.toString("utf8");
      if (answer.includes("+PONG")) done(true);
      else if (answer.includes("-")) done(false);
    });
  });
}

export async function startRedis(binary = "redis-server"): Promise<RunningRedis> {
  const dir = await mkdtemp(path.join(tmpdir(), "portal-redis-"));
  const password = randomBytes(18).toString("hex");
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    const child: ChildProcess = spawn(
      binary,
      [
        "--bind",
        "127.0.0.1",
        "--port",
        String(port),
        "--requirepass",
        password,
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        dir,
        "--daemonize",
        "no",
        "--loglevel",
        "warning",
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const spawnError = await new Promise<Error | null>((resolve) => {
      child.once("error", resolve);
      child.once("spawn", () => resolve(null));
    });
    if (spawnError) {
      await rm(dir, { recursive: true, force: true });
      throw (spawnError as NodeJS.ErrnoException).code === "ENOENT"
        ? new RedisNotInstalledError(
            "redis-server is not installed. Install it with: apt-get install -y --no-install-recommends redis-server",
          )
        : spawnError;
    }
    const killOnExit = () => child.kill("SIGKILL");
    process.once("exit", killOnExit);
    const deadline = Date.now() + 10_000;
    let ready = false;
    while (!ready && Date.now() < deadline && child.exitCode === null) {
      ready = await ping(port, password);
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    if (ready) {
      let stopped = false;
      return {
        url: `redis://:${password}@127.0.0.1:${port}`,
        port,
        async stop() {
          if (stopped) return;
          stopped = true;
          process.off("exit", killOnExit);
          if (child.exitCode === null) {
            child.kill("SIGTERM");
            const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
            await exited;
            clearTimeout(timer);
          }
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
    process.off("exit", killOnExit);
    child.kill("SIGKILL");
    await exited;
    if (attempt >= 3 || !/Address already in use/.test(stderr)) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`[redis] did not start: ${stderr.trim().split("\n").slice(-3).join(" | ")}`);
    }
  }
}
