/**
 * Runs a backend task under a deadline and never throws: the result says whether it finished,
 * failed or ran out of time.
 *
 * The deadline holds even when the task ignores its signal (a client without timeout, a hung
 * socket): the race settles at the deadline and the task's late outcome is dropped. The signal is
 * still aborted, so a well-behaved task stops its work too.
 */
import "server-only";

export type DeadlineOutcome<T> =
  | { state: "ok"; value: T; durationMs: number }
  | { state: "error"; error: unknown; durationMs: number }
  | { state: "timeout"; durationMs: number };

export async function runWithDeadline<T>(
  task: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
  parentSignal?: AbortSignal,
): Promise<DeadlineOutcome<T>> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const controller = new AbortController();
  const signal = parentSignal ? AbortSignal.any([controller.signal, parentSignal]) : controller.signal;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new DOMException("deadline passed", "TimeoutError"));
      resolve("timeout");
    }, timeoutMs);
  });

  let running: Promise<T>;
  try {
    running = task(signal);
  } catch (error: unknown) {
    running = Promise.reject(error);
  }
  // A task that fails after the deadline must not become an unhandled rejection.
  running.catch(() => undefined);

  try {
    const winner = await Promise.race([running.then((value) => ({ value })), deadline]);
    if (winner === "timeout") return { state: "timeout", durationMs: elapsed() };
    return { state: "ok", value: winner.value, durationMs: elapsed() };
  } catch (error: unknown) {
    return { state: "error", error, durationMs: elapsed() };
  } finally {
    clearTimeout(timer);
  }
}
