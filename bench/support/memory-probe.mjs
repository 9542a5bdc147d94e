/**
 * A memory probe preloaded into the portal process by the Files transfer benchmark
 * (NODE_OPTIONS="--expose-gc --import <file URL of bench/support/memory-probe.mjs>",
 * MEMORY_PROBE_DIR=<folder>),
 * to tell memory a transfer HOLDS (request bodies, arrays of chunks, Buffer.concat) from memory
 * that is only garbage not yet collected or heap the allocator keeps:
 *
 *   - every 20 ms one line of `process.memoryUsage()` goes to <folder>/memory-<pid>.jsonl
 *     (`{ t, rss, heapTotal, heapUsed, external, arrayBuffers }`, bytes, t in ms since the epoch),
 *     with the process's CPU time so far (`cpuMs`, every thread: GC helpers too) and its garbage
 *     collections so far (`major`/`majorMs` mark-compact count and pauses, `minor`/`minorMs`
 *     scavenges, `incremental` marking steps), to show what a transfer costs the process;
 *   - on SIGUSR2 it runs a full garbage collection first and writes the line after it with
 *     `"gc": true`: what is still alive then is what something holds.
 *
 * Only the process running server/main.ts probes (NODE_OPTIONS reaches npm and the demo too).
 * Plain JavaScript so that `--import` loads it before anything else, without tsx.
 */
import fs from "node:fs";
import path from "node:path";
import { PerformanceObserver, constants } from "node:perf_hooks";

const folder = process.env.MEMORY_PROBE_DIR;
const isPortal = process.argv.some((arg) => arg.endsWith("server/main.ts"));

if (folder && isPortal) {
  const file = path.join(folder, `memory-${process.pid}.jsonl`);
  let pending = [];
  // Garbage collections so far (counts and pause milliseconds): major = mark-compact.
  const collections = { major: 0, majorMs: 0, minor: 0, minorMs: 0, incremental: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = entry.detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        collections.major += 1;
        collections.majorMs += entry.duration;
      } else if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
        collections.minor += 1;
        collections.minorMs += entry.duration;
      } else if (kind === constants.NODE_PERFORMANCE_GC_INCREMENTAL) {
        collections.incremental += 1;
      }
    }
  }).observe({ entryTypes: ["gc"] });
  const sample = (gc) => {
    const usage = process.memoryUsage();
    const cpu = process.cpuUsage();
    pending.push(
      JSON.stringify({
        t: Date.now(),
        rss: usage.rss,
        heapTotal: usage.heapTotal,
        heapUsed: usage.heapUsed,
        external: usage.external,
        arrayBuffers: usage.arrayBuffers,
        cpuMs: (cpu.user + cpu.system) / 1000,
        ...collections,
        ...(gc ? { gc: true } : {}),
      }),
    );
  };
  const flush = () => {
    if (pending.length === 0) return;
    fs.appendFileSync(file, `${pending.join("\n")}\n`);
    pending = [];
  };
  setInterval(() => sample(false), 20).unref();
  setInterval(flush, 250).unref();
  process.on("SIGUSR2", () => {
    if (typeof globalThis.gc === "function") globalThis.gc();
    sample(true);
    flush();
  });
}
