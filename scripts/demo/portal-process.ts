/**
 * The portal server as a child process of the demo: started with plain tsx (server/main.ts must
 * not run under the react-server condition the demo itself uses), watched until GET /api/health
 * answers, and stopped with one SIGTERM so that it drains its requests.
 *
 * Why its own process group (`detached`): Ctrl-C in a terminal signals the whole foreground
 * group. The portal treats a second signal as "exit now"; if it got the terminal's SIGINT and
 * then ours, it would skip its graceful shutdown. In its own group it only hears from us.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface PortalProcess {
  child: ChildProcess;
  /** Resolves with the exit code (or 1 for a signal) when the process ends, for whatever reason. */
  exited: Promise<number>;
  stop(timeoutMs?: number): Promise<void>;
}

export function startPortalProcess(projectDir: string, env: NodeJS.ProcessEnv): PortalProcess {
  const tsxCli = path.join(projectDir, "node_modules", "tsx", "dist", "cli.mjs");
  const child = spawn(process.execPath, [tsxCli, path.join("server", "main.ts")], {
    cwd: projectDir,
    env,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  const exited = new Promise<number>((resolve) => {
    child.once("exit", (code) => resolve(code ?? 1));
    child.once("error", () => resolve(1));
  });
  // If the demo dies abruptly, do not leave the portal running in its own group.
  const killOnExit = () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  };
  process.once("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));

  let stopping: Promise<void> | undefined;
  const stop = (timeoutMs = 15_000): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      // tsx relays the signal to the node process it runs; signalling the group would deliver it twice.
      child.kill("SIGTERM");
      const timer = setTimeout(killOnExit, timeoutMs);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };
  return { child, exited, stop };
}

/** Polls GET {baseUrl}/api/health until it answers 200 {"status":"ok"}. */
export async function waitForHealth(
  baseUrl: string,
  options: { timeoutMs: number; exited: Promise<number> },
): Promise<void> {
  let childExit: number | undefined;
  void options.exited.then((code) => {
    childExit = code;
  });
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (childExit !== undefined) throw new Error(`the portal server exited (code ${childExit}) before it was ready`);
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      const body = (await response.json().catch(() => null)) as { status?: unknown } | null;
      if (response.ok && body?.status === "ok") return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the portal did not answer ${baseUrl}/api/health within ${Math.round(options.timeoutMs / 1000)} s`);
}
