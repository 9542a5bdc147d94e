/**
 * Child processes of the benchmarks: started in their own process group, stopped reliably.
 *
 * `npm run demo` is npm → sh → tsx → node, and may start servers of its own; Lighthouse starts
 * Chromium. Stopping kills the whole group and every descendant found by walking the process tree
 * (a grandchild that made its own group is still a descendant), SIGTERM first, SIGKILL after a
 * grace period. A zombie counts as stopped: PID 1 on this machine reaps orphans late.
 *
 * Every started process is tracked; `stopAll` runs on normal exit, on SIGINT/SIGTERM and on an
 * uncaught error, so a failing benchmark leaves nothing behind.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

export interface Started {
  name: string;
  child: ChildProcess;
  pid: number;
  /** Time the process was spawned (performance.now()). */
  startedAt: number;
  /** The last lines the process printed (stdout and stderr), for error messages. */
  tail: () => string;
  /** Resolves when the direct child exits. */
  exited: Promise<number | null>;
  stop: () => Promise<void>;
}

const running = new Set<Started>();
const TAIL_LINES = 60;

interface ProcessRow {
  pid: number;
  ppid: number;
  pgid: number;
  stat: string;
}

function processTable(): ProcessRow[] {
  try {
    const out = execFileSync("ps", ["-eo", "pid=,ppid=,pgid=,stat="], { encoding: "utf8", timeout: 5000 });
    return out
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols.length === 4)
      .map(([pid, ppid, pgid, stat]) => ({
        pid: Number(pid),
        ppid: Number(ppid),
        pgid: Number(pgid),
        stat: stat ?? "",
      }));
  } catch {
    return [];
  }
}

/**
 * The live (non-zombie) members of process group `pgid`, every descendant of `root`, and those of
 * `known` still alive: a descendant whose parent died is re-parented to PID 1 and would otherwise
 * be lost from the tree.
 */
function liveTree(root: number, pgid: number, known: ReadonlySet<number> = new Set()): number[] {
  const table = processTable().filter((row) => !row.stat.startsWith("Z"));
  const found = new Set<number>();
  for (const row of table) if (row.pgid === pgid || row.pid === root || known.has(row.pid)) found.add(row.pid);
  let grew = true;
  for (let pass = 0; grew && pass < 20; pass += 1) {
    grew = false;
    for (const row of table) {
      if (!found.has(row.pid) && found.has(row.ppid)) {
        found.add(row.pid);
        grew = true;
      }
    }
  }
  found.delete(process.pid);
  return [...found];
}

function signal(pids: readonly number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  }
}

function signalGroup(pgid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pgid, sig);
  } catch {
    // group already gone
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * SIGTERM to the child's process group only (the launcher, e.g. the demo, then stops what it
 * started in its own way: the portal drains), then after `graceMs` SIGKILL to everything of the
 * tree still alive, remembered ones included.
 */
async function stopTree(root: number, graceMs: number): Promise<void> {
  const known = new Set(liveTree(root, root));
  if (known.size === 0) return;
  signalGroup(root, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await sleep(100);
    const alive = liveTree(root, root, known);
    for (const pid of alive) known.add(pid);
    if (alive.length === 0) return;
  }
  signalGroup(root, "SIGKILL");
  signal(liveTree(root, root, known), "SIGKILL");
  for (let i = 0; i < 30 && liveTree(root, root, known).length > 0; i += 1) await sleep(100);
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Called for every output line (e.g. to spot a readiness message). */
  onLine?: (line: string) => void;
  graceMs?: number;
}

export function startProcess(options: SpawnOptions): Started {
  const startedAt = performance.now();
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`${options.name}: could not start ${options.command}`);
  const pid = child.pid;
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > TAIL_LINES) lines.shift();
      options.onLine?.(line);
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let stopping: Promise<void> | undefined;
  const started: Started = {
    name: options.name,
    child,
    pid,
    startedAt,
    tail: () => lines.join("\n"),
    exited,
    stop: () => {
      stopping ??= stopTree(pid, options.graceMs ?? 8000).finally(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        running.delete(started);
      });
      return stopping;
    },
  };
  running.add(started);
  return started;
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((started) => started.stop()));
}

/** Last resort on exit: synchronous SIGKILL of every tracked tree. */
function killAllNow(): void {
  for (const started of running) {
    signalGroup(started.pid, "SIGKILL");
    signal(liveTree(started.pid, started.pid), "SIGKILL");
  }
  running.clear();
}

let installed = false;

/** Makes sure tracked processes die with this one, whatever way it ends. */
export function installCleanup(): void {
  if (installed) return;
  installed = true;
  process.on("exit", killAllNow);
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(sig, () => {
      void stopAll().finally(() => process.exit(130));
    });
  }
}

/** Live descendants of `root` with their command lines (Linux /proc). */
export function descendants(root: number): Array<{ pid: number; command: string }> {
  return liveTree(root, root)
    .filter((pid) => pid !== root)
    .map((pid) => {
      let command = "";
      try {
        command = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
      } catch {
        // gone
      }
      return { pid, command };
    });
}

let ticksPerSecond: number | undefined;

/** CPU time (user + system) a process has used so far, in milliseconds; null when unreadable. */
export function cpuTimeMs(pid: number): number | null {
  try {
    ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command (which may contain spaces) start after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / ticksPerSecond : null;
  } catch {
    return null;
  }
}
