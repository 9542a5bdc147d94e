/**
 * A memory probe preloaded into the portal process by the Files transfer benchmark
 * (NODE_OPTIONS="--expose-gc --import <file URL of bench/support/memory-probe.mjs>",
 * MEMORY_PROBE_DIR=<folder>),
 * to tell memory a transfer HOLDS (request bodies, arrays of chunks, Buffer.concat) from memory
 * that is only garbage not yet collected or heap the allocator keeps:
 *
 *   - every 20 ms one line of `process.memoryUsage()` goes to <folder>/memory-<pid>.jsonl
 *     (`{ t, rss, heapTotal, heapUsed, external, arrayBuffers }`, bytes, t in ms since the epoch);
 *   - on SIGUSR2 it runs a full garbage collection first and writes the line after it with
 *     `"gc": true`: what is still alive then is what something holds.
 *
 * Only the process running server/main.ts probes (NODE_OPTIONS reaches npm and the demo too).
 * Plain JavaScript so that `--import` loads it before anything else, without tsx.
 */
import fs from "node:fs";
import path from "node:path";

const folder = process.env.MEMORY_PROBE_DIR;
const isPortal = process.argv.some((arg) => arg.endsWith("server/main.ts"));

if (folder && isPortal) {
  const file = path.join(folder, `memory-${process.pid}.jsonl`);
  let pending = [];
  const sample = (gc) => {
    const usage = process.memoryUsage();
    pending.push(
      JSON.stringify({
        t: Date.now(),
        rss: usage.rss,
        heapTotal: usage.heapTotal,
        heapUsed: usage.heapUsed,
        external: usage.external,
        arrayBuffers: usage.arrayBuffers,
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
