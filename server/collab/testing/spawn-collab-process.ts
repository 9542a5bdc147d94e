/**
 * Test support: starts collab-process.ts as a child process (tsx) and waits for it to listen.
 * COLLAB_NODE_ARGS adds Node options to that process only (profiling a benchmark's server:
 * `COLLAB_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { TEST_SECRET } from "@/server/collab/testing/collab-test-server";
import type { LoopReport } from "@/server/collab/testing/loop-monitor";

export interface CollabProcess {
  origin: string;
  instanceId: string;
  pid: number;
  child: ChildProcess;
  /** Resolves with the exit code/signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Event-loop delay and garbage collection since the previous call (the first call starts the count). */
  loopReport(): Promise<LoopReport>;
  /** SIGTERM and wait (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "../../..");

export async function spawnCollabProcess(env: Record<string, string | undefined>): Promise<CollabProcess> {
  // Node itself with tsx as a loader (not the tsx command, which runs the script in a grandchild):
  // the pid is the server's, so SIGKILL kills the server.
  const child = spawn(
    process.execPath,
    [
      ...(process.env.COLLAB_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
      "--import",
      "tsx",
      path.join(root, "server/collab/testing/collab-process.ts"),
    ],
    {
      cwd: root,
      // The tests sign collaboration tokens with TEST_SECRET: the child must verify with the same
      // key, not with an AUTH_SECRET it would inherit (`npm test` exports a random one).
      env: { ...process.env, LOG_LEVEL: "silent", NODE_ENV: "production", AUTH_SECRET: TEST_SECRET, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-4000);
  });
  const ready = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`collaboration process did not start: ${stderr}`)), 60_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const line = stdout.split("\n").find((candidate) => candidate.startsWith("READY "));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`collaboration process exited (${code ?? signal}): ${stderr}`));
    });
  });
  const [, origin = "", instanceId = ""] = ready.trim().split(" ");
  const loopWaiters: Array<(report: LoopReport) => void> = [];
  let pendingOutput = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    pendingOutput += chunk.toString("utf8");
    const lines = pendingOutput.split("\n");
    pendingOutput = lines.pop() ?? "";
    for (const line of lines) {
      if (line.startsWith("LOOP ")) loopWaiters.shift()?.(JSON.parse(line.slice("LOOP ".length)) as LoopReport);
    }
  });
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  return {
    origin,
    instanceId,
    pid: child.pid ?? 0,
    child,
    exited,
    loopReport() {
      return new Promise<LoopReport>((resolve) => {
        loopWaiters.push(resolve);
        child.kill("SIGUSR2");
      });
    },
    async stop() {
      process.off("exit", kill);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
