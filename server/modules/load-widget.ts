/**
 * Loads one module's dashboard widget under a deadline. Never throws: the dashboard renders each
 * widget inside its own <Suspense> with this result, so a failing or hung backend shows its own
 * degraded state while the shell and the other widgets render normally.
 */
import "server-only";
import { env } from "@/server/env";
import { logger } from "@/server/log";
import type { PortalUser } from "@/server/auth/portal-user";
import type { PortalModule } from "@/server/modules/types";
import { describeFailure } from "@/server/modules/describe-failure";
import { runWithDeadline } from "@/server/modules/run-with-deadline";

export type WidgetResult<TData> =
  | { state: "ok"; data: TData }
  /** `reason` is a short code (`connection refused`, `http 503`), safe to show; never upstream text. */
  | { state: "error"; reason: string }
  | { state: "timeout" };

export interface LoadWidgetOptions {
  user: PortalUser;
  locale: string;
  /** Defaults to WIDGET_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Aborts the load early, e.g. when the client went away. */
  signal?: AbortSignal;
}

export async function loadWidget<TData>(
  module: PortalModule<TData>,
  options: LoadWidgetOptions,
): Promise<WidgetResult<TData>> {
  const widget = module.widget;
  if (!widget) return { state: "error", reason: "no widget" };
  const timeoutMs = options.timeoutMs ?? env().WIDGET_TIMEOUT_MS;
  const outcome = await runWithDeadline(
    (signal) => widget.load({ user: options.user, locale: options.locale, signal }),
    timeoutMs,
    options.signal,
  );
  switch (outcome.state) {
    case "ok":
      return { state: "ok", data: outcome.value };
    case "timeout":
      logger.warn({ module: module.id, durationMs: outcome.durationMs }, "widget timed out");
      return { state: "timeout" };
    case "error": {
      const reason = describeFailure(outcome.error);
      // The error object is logged for operators (class, message, stack), never returned to the page.
      logger.warn({ module: module.id, reason, durationMs: outcome.durationMs, err: outcome.error }, "widget failed");
      return { state: "error", reason };
    }
  }
}
