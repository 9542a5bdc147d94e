/**
 * The benchmark's side of bench/support/memory-probe.mjs: asks the probed process for a full
 * garbage collection (SIGUSR2, only once the probe is seen writing, since SIGUSR2 would otherwise
 * end the process) and reads its `process.memoryUsage()` samples around one transfer.
 *
 * A window reports, in bytes above the collected baseline: the peak during the transfer of RSS,
 * V8's used heap, and ArrayBuffers (where Buffers, so request and response bodies, live), and
 * the same after a full collection once the transfer is over — memory something still holds;
 * and what the transfer cost the process: CPU time and garbage collections.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

interface Sample {
  t: number;
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  cpuMs?: number;
  major?: number;
  majorMs?: number;
  minor?: number;
  minorMs?: number;
  gc?: true;
}

export interface ProbeWindow {
  samples: number;
  /** Used V8 heap before the transfer (after a full collection): what each major GC marks. */
  heapUsedBaseline: number;
  /** During the transfer: CPU time of the process, mark-compact collections and their pauses. */
  cpuMs: number;
  majorGcs: number;
  majorGcPauseMs: number;
  minorGcs: number;
  peak: { rss: number; heapUsed: number; arrayBuffers: number };
  afterGc: { rss: number; heapUsed: number; arrayBuffers: number };
}

const MIB = 1024 * 1024;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export class MemoryProbe {
  private readonly file: string;

  constructor(
    folder: string,
    private readonly pid: number,
  ) {
    this.file = path.join(folder, `memory-${pid}.jsonl`);
  }

  private samples(): Sample[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, "utf8")
      .split("\n")
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Sample);
  }

  /** A full collection in the probed process; its sample after it, or null without a probe. */
  async collect(): Promise<Sample | null> {
    if (!existsSync(this.file)) return null;
    const asked = Date.now();
    process.kill(this.pid, "SIGUSR2");
    for (let attempt = 0; attempt < 100; attempt += 1) {
      await sleep(30);
      const done = this.samples().find((sample) => sample.gc && sample.t >= asked);
      if (done) return done;
    }
    return null;
  }

  /** Collects, then starts a window; `end` collects again and reads the samples in between. */
  async begin(): Promise<{ end: () => Promise<ProbeWindow> }> {
    const baseline = await this.collect();
    const started = Date.now();
    return {
      end: async () => {
        const ended = Date.now();
        // Let the probe flush the samples of the last 250 ms.
        await sleep(300);
        const after = await this.collect();
        const during = this.samples().filter((sample) => !sample.gc && sample.t >= started && sample.t <= ended);
        const base = baseline ?? during[0];
        const last = during.at(-1);
        if (!base || !after || !last)
          return {
            samples: 0,
            heapUsedBaseline: 0,
            cpuMs: 0,
            majorGcs: 0,
            majorGcPauseMs: 0,
            minorGcs: 0,
            peak: zero(),
            afterGc: zero(),
          };
        const delta = (field: "cpuMs" | "major" | "majorMs" | "minor") => (last[field] ?? 0) - (base[field] ?? 0);
        const peakOf = (field: "rss" | "heapUsed" | "arrayBuffers") =>
          Math.max(0, ...during.map((sample) => sample[field] - base[field]));
        return {
          samples: during.length,
          heapUsedBaseline: base.heapUsed,
          cpuMs: delta("cpuMs"),
          // The baseline's own collection (requested) is counted in `base`, not here.
          majorGcs: delta("major"),
          majorGcPauseMs: delta("majorMs"),
          minorGcs: delta("minor"),
          peak: { rss: peakOf("rss"), heapUsed: peakOf("heapUsed"), arrayBuffers: peakOf("arrayBuffers") },
          afterGc: {
            rss: after.rss - base.rss,
            heapUsed: after.heapUsed - base.heapUsed,
            arrayBuffers: after.arrayBuffers - base.arrayBuffers,
          },
        };
      },
    };
  }

  /** Over several windows: the largest memory figures (MiB), the median CPU and collections. */
  static summarise(windows: ProbeWindow[]): Record<string, number> | null {
    if (windows.length === 0 || windows.every((window) => window.samples === 0)) return null;
    const max = (pick: (window: ProbeWindow) => number) => Math.round((Math.max(...windows.map(pick)) / MIB) * 10) / 10;
    const mid = (pick: (window: ProbeWindow) => number) => {
      const values = windows.map(pick).sort((a, b) => a - b);
      return values[Math.floor((values.length - 1) / 2)] ?? 0;
    };
    return {
      heapUsedBaseline: max((w) => w.heapUsedBaseline),
      medianCpuSeconds: Math.round(mid((w) => w.cpuMs) / 100) / 10,
      medianMajorGcs: mid((w) => w.majorGcs),
      medianMajorGcPauseMs: Math.round(mid((w) => w.majorGcPauseMs)),
      medianMinorGcs: mid((w) => w.minorGcs),
      peakRssGrowth: max((w) => w.peak.rss),
      peakHeapUsedGrowth: max((w) => w.peak.heapUsed),
      peakArrayBuffersGrowth: max((w) => w.peak.arrayBuffers),
      rssAfterGc: max((w) => w.afterGc.rss),
      heapUsedAfterGc: max((w) => w.afterGc.heapUsed),
      arrayBuffersAfterGc: max((w) => w.afterGc.arrayBuffers),
    };
  }
}

function zero(): { rss: number; heapUsed: number; arrayBuffers: number } {
  return { rss: 0, heapUsed: 0, arrayBuffers: 0 };
}
