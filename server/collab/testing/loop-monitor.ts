/**
 * Test and benchmark support: what the event loop of a collaboration process went through, so a
 * latency tail can be told apart as the server's (event loop blocked, garbage collection) or the
 * machine's. Event-loop delay (perf_hooks.monitorEventLoopDelay, 10 ms resolution → figures are
 * lateness of a 10 ms timer) and garbage-collection pauses (PerformanceObserver "gc").
 *
 * SIGUSR2 prints `LOOP <json>` on stdout with the figures since the previous report and starts
 * over: the benchmark signals at the start of its measured window and at its end.
 */
import { constants, monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

export interface LoopReport {
  delayP50Ms: number;
  delayP99Ms: number;
  delayMaxMs: number;
  gcCount: number;
  gcTotalMs: number;
  gcMaxMs: number;
  /** Longest pause of a major (mark-compact) collection; the others are scavenges and incremental steps. */
  gcMajorMaxMs: number;
  gcMajorCount: number;
}

const RESOLUTION_MS = 10;

const round = (value: number): number => Math.round(value * 100) / 100;

/** How late a sample of the histogram (nanoseconds, interval included) came, in milliseconds. */
export function latenessMs(sampleNs: number): number {
  return round(Math.max(0, sampleNs / 1e6 - RESOLUTION_MS));
}

export function createDelayHistogram(): ReturnType<typeof monitorEventLoopDelay> {
  return monitorEventLoopDelay({ resolution: RESOLUTION_MS });
}

export function installLoopMonitor(): void {
  const delay = createDelayHistogram();
  delay.enable();
  let gcCount = 0;
  let gcTotalMs = 0;
  let gcMaxMs = 0;
  let gcMajorMaxMs = 0;
  let gcMajorCount = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcCount += 1;
      gcTotalMs += entry.duration;
      gcMaxMs = Math.max(gcMaxMs, entry.duration);
      const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
      if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        gcMajorCount += 1;
        gcMajorMaxMs = Math.max(gcMajorMaxMs, entry.duration);
      }
    }
  });
  gc.observe({ entryTypes: ["gc"] });
  process.on("SIGUSR2", () => {
    const report: LoopReport = {
      delayP50Ms: latenessMs(delay.percentile(50)),
      delayP99Ms: latenessMs(delay.percentile(99)),
      delayMaxMs: latenessMs(delay.max),
      gcCount,
      gcTotalMs: round(gcTotalMs),
      gcMaxMs: round(gcMaxMs),
      gcMajorMaxMs: round(gcMajorMaxMs),
      gcMajorCount,
    };
    delay.reset();
    gcCount = 0;
    gcTotalMs = 0;
    gcMaxMs = 0;
    gcMajorMaxMs = 0;
    gcMajorCount = 0;
    process.stdout.write(`LOOP ${JSON.stringify(report)}\n`);
  });
}
