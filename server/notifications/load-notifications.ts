/**
 * The header bell's data: every enabled module's notification source, asked in parallel, each
 * under the widget deadline (server/modules/run-with-deadline.ts). Never throws: a module whose
 * source fails or runs out of time is named in `unavailable` and the others still answer, so one
 * slow backend never empties the bell or holds the request.
 *
 * Nothing is stored: each source derives "what is new" from its backend (mail: unseen messages of
 * the inbox), so any portal process can answer.
 */
import "server-only";
import { logger } from "@/server/log";
import type { PortalUser } from "@/server/auth/portal-user";
import { describeFailure } from "@/server/modules/describe-failure";
import { runWithDeadline } from "@/server/modules/run-with-deadline";
import type { PortalModule, PortalNotification } from "@/server/modules/types";
import type { TNotificationsAnswer } from "@/components/shell/notification-types";

/** The bell shows at most this many entries, newest first. */
export const MAX_NOTIFICATIONS = 20;

/** A notification must lead inside the portal: one leading slash, no scheme, no `//host`. */
function isInternalHref(href: string): boolean {
  return href.startsWith("/") && !href.startsWith("//") && !href.startsWith("/\\");
}

export async function loadNotifications(
  modules: readonly PortalModule[],
  options: { user: PortalUser; locale: string; timeoutMs: number; signal?: AbortSignal },
): Promise<TNotificationsAnswer> {
  const sources = modules.flatMap((module) => {
    const source = module.notifications;
    return source ? [{ id: module.id, source }] : [];
  });
  const outcomes = await Promise.all(
    sources.map(async ({ id, source }) => ({
      id,
      outcome: await runWithDeadline(
        (signal) => source({ user: options.user, locale: options.locale, signal }),
        options.timeoutMs,
        options.signal,
      ),
    })),
  );
  const notifications: PortalNotification[] = [];
  const unavailable: string[] = [];
  for (const { id, outcome } of outcomes) {
    if (outcome.state === "ok") {
      notifications.push(...outcome.value.filter((entry) => isInternalHref(entry.href)));
      continue;
    }
    unavailable.push(id);
    if (outcome.state === "timeout")
      logger.warn({ module: id, durationMs: outcome.durationMs }, "notifications timed out");
    else
      logger.warn(
        { module: id, reason: describeFailure(outcome.error), durationMs: outcome.durationMs },
        "notifications failed",
      );
  }
  notifications.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { notifications: notifications.slice(0, MAX_NOTIFICATIONS), unavailable };
}
