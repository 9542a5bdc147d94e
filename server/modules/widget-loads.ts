/**
 * The dashboard's widget loads, started together, and a bounded wait for them: the page answers
 * once every widget has its result or after a short wait, whichever comes first, and renders the
 * widgets that are ready in place (in the first HTML the browser paints) and the others behind
 * <Suspense>, streamed when they settle.
 *
 * Why: a widget streamed after the first paint is revealed by a script, moved into place and laid
 * out again (React batches such reveals a few hundred ms apart), and its card grows from the
 * skeleton's height to its content's, pushing the cards below it (layout shift). When backends
 * answer in a few ms, as they usually do, waiting for them costs less than that.
 */
import "server-only";
import type { PortalUser } from "@/server/auth/portal-user";
import { loadWidget, type WidgetResult } from "@/server/modules/load-widget";
import type { PortalModule } from "@/server/modules/types";

/** One widget's load, with its result once it has settled (loadWidget never rejects). */
export interface WidgetLoad {
  promise: Promise<WidgetResult<unknown>>;
  result?: WidgetResult<unknown>;
}

export interface StartWidgetLoadsOptions {
  user: PortalUser;
  locale: string;
  /** Each widget's deadline (loadWidget's). */
  timeoutMs: number;
}

/** Starts every module's widget load at once; keyed by module id. */
export function startWidgetLoads(
  modules: readonly PortalModule[],
  options: StartWidgetLoadsOptions,
): Map<string, WidgetLoad> {
  return new Map(
    modules.map((module) => {
      const load: WidgetLoad = { promise: loadWidget(module, options) };
      void load.promise.then((result) => {
        load.result = result;
      });
      return [module.id, load];
    }),
  );
}

/**
 * Resolves when every load has settled or after `ms`, whichever comes first. Afterwards `result` is
 * set on each load that settled in time (its callback was registered before this wait's).
 */
export async function waitForWidgetLoads(loads: Iterable<WidgetLoad>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all([...loads].map((load) => load.promise)),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
