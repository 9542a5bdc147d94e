"use client";
/**
 * The header's notification bell: what the enabled modules have new for the person (mail's unseen
 * messages now; agenda and chat later), from GET /api/notifications: first once the page has loaded
 * and the browser is idle, then every minute while the tab is visible and at once when it becomes
 * visible again.
 *
 * The badge counts the entries this browser has not shown yet: opening the panel marks the current
 * ones as seen. That memory is kept in localStorage, per person (the workstation may be shared),
 * because it is only a display preference; what is "new" comes from the backends themselves
 * (mail: \Seen), so the server stays stateless.
 */
import { useCallback, useEffect, useState } from "react";
import { DisclosureMenu } from "@/components/shell/disclosure-menu";
import { Icon } from "@/components/shell/icons";
import type { TNotificationsAnswer, TPortalNotification } from "@/components/shell/notification-types";

export interface TNotificationBellLabels {
  toggle: string;
  /** "1 nouvelle", with `#` standing for the count. */
  unseenOne: string;
  /** "# nouvelles", with `#` standing for the count. */
  unseenMany: string;
  empty: string;
  unavailable: string;
  listLabel: string;
}

const POLL_MS = 60_000;
/** The longest the first poll waits for an idle moment after the page's load event. */
const FIRST_POLL_MAX_DELAY_MS = 2_000;
const MAX_REMEMBERED = 200;

function storageKey(userKey: string): string {
  return `portal-notifications-seen:${userKey}`;
}

function readSeen(userKey: string): Set<string> {
  try {
    const raw = window.localStorage.getItem(storageKey(userKey));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === "string") : []);
  } catch {
    return new Set();
  }
}

function writeSeen(userKey: string, ids: Iterable<string>): void {
  try {
    window.localStorage.setItem(storageKey(userKey), JSON.stringify(Array.from(ids).slice(-MAX_REMEMBERED)));
  } catch {
    // Private mode or full storage: the badge simply shows again next time.
  }
}

export function NotificationBell({
  userKey,
  labels,
  locale,
}: {
  /** Distinguishes people sharing a browser (their id). */
  userKey: string;
  labels: TNotificationBellLabels;
  locale: string;
}) {
  const [answer, setAnswer] = useState<TNotificationsAnswer | null>(null);
  // Read from localStorage on the first answer (not during render: the server has no storage).
  const [seen, setSeen] = useState<Set<string> | null>(null);

  const poll = useCallback(async () => {
    try {
      const response = await fetch("/api/notifications", {
        headers: { accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) return;
      const next = (await response.json()) as TNotificationsAnswer;
      setSeen((current) => current ?? readSeen(userKey));
      setAnswer(next);
    } catch {
      // Offline or the portal restarting: keep what is shown, try again at the next tick.
    }
  }, [userKey]);

  useEffect(() => {
    // The first poll waits for the page to have loaded and the browser to be idle (at most
    // FIRST_POLL_MAX_DELAY_MS): its request (every module's backend on the server) and its
    // re-render then never compete with the page's own first paint and hydration.
    let idle: number | undefined;
    let first: ReturnType<typeof setTimeout> | undefined;
    const start = () => {
      if ("requestIdleCallback" in window) {
        idle = window.requestIdleCallback(() => void poll(), { timeout: FIRST_POLL_MAX_DELAY_MS });
      } else {
        first = setTimeout(() => void poll(), 0);
      }
    };
    if (document.readyState === "complete") start();
    else window.addEventListener("load", start, { once: true });
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void poll();
    }, POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === "visible") void poll();
    };
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.removeEventListener("load", start);
      if (idle !== undefined) window.cancelIdleCallback(idle);
      clearTimeout(first);
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [poll, userKey]);

  const notifications: TPortalNotification[] = answer?.notifications ?? [];
  const unseen = seen ? notifications.filter((notification) => !seen.has(notification.id)).length : 0;
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" });

  function markSeen() {
    const next = new Set(seen ?? readSeen(userKey));
    for (const notification of notifications) next.add(notification.id);
    setSeen(next);
    writeSeen(userKey, next);
  }

  return (
    <div onClickCapture={(event) => event.target instanceof Element && event.target.closest("summary") && markSeen()}>
      <DisclosureMenu
        testId="notification-bell"
        summaryClassName="relative flex min-h-11 min-w-11 items-center justify-center rounded-md hover:bg-black/10 group-open:bg-black/15"
        panelClassName="absolute right-0 z-40 mt-2 w-[min(22rem,calc(100vw-1.5rem))] rounded-lg border border-border bg-surface text-fg shadow-xl"
        summary={
          <>
            <Icon name="bell" />
            <span className="sr-only">
              {labels.toggle}
              {unseen > 0
                ? `, ${(unseen === 1 ? labels.unseenOne : labels.unseenMany).replace("#", String(unseen))}`
                : ""}
            </span>
            {unseen > 0 ? (
              <span
                aria-hidden="true"
                data-testid="notification-count"
                className="absolute right-0.5 top-0.5 min-w-5 rounded-full bg-danger px-1 text-center text-xs font-bold leading-5 text-white"
              >
                {unseen > 99 ? "99+" : unseen}
              </span>
            ) : null}
          </>
        }
      >
        <div className="max-h-[70dvh] overflow-y-auto p-2">
          {notifications.length === 0 ? (
            <p className="px-2 py-3 text-sm text-fg-muted">{labels.empty}</p>
          ) : (
            <ul aria-label={labels.listLabel} className="divide-y divide-border">
              {notifications.map((notification) => (
                <li key={notification.id}>
                  <a
                    href={notification.href}
                    className="block rounded-md px-2 py-2 text-sm hover:bg-surface-muted"
                    data-testid="notification-item"
                  >
                    <span className="block font-medium break-words">{notification.title}</span>
                    {notification.body ? (
                      <span className="block truncate text-fg-muted">{notification.body}</span>
                    ) : null}
                    <time dateTime={notification.createdAt} className="block text-xs text-fg-muted">
                      {dates.format(new Date(notification.createdAt))}
                    </time>
                  </a>
                </li>
              ))}
            </ul>
          )}
          {answer && answer.unavailable.length > 0 ? (
            <p className="px-2 pt-2 text-xs text-fg-muted">{labels.unavailable}</p>
          ) : null}
        </div>
      </DisclosureMenu>
    </div>
  );
}
