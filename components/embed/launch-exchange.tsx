"use client";
/**
 * The launch page's work (app/embed/v1/launch): read the one-time token from the URL fragment
 * (never sent to a server log), remove it from the address bar and history, exchange it through
 * POST /api/embed/session/launch (which sets the iframe's cookie), then go to the editor. A refused
 * token shows why, in the page's language, and tells the vendor's page with an `error` event.
 */
import { useEffect, useState } from "react";
import { useTranslations } from "use-intl";
import { framingOrigin, startPostMessageBridge } from "@/components/embed/post-message-bridge";

const REASONS = ["malformed", "unknown", "used", "expired", "session_ended", "network"] as const;
type LaunchFailure = (typeof REASONS)[number];

function asFailure(value: unknown): LaunchFailure {
  return (REASONS as readonly unknown[]).includes(value) ? (value as LaunchFailure) : "unknown";
}

async function exchange(token: string, parentOrigin: string | null): Promise<string | LaunchFailure> {
  try {
    const response = await fetch("/api/embed/session/launch", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(parentOrigin ? { token, parentOrigin } : { token }),
      credentials: "same-origin",
      cache: "no-store",
    });
    const body = (await response.json().catch(() => ({}))) as { location?: unknown; error?: { reason?: unknown } };
    if (response.ok && typeof body.location === "string" && body.location.startsWith("/embed/v1/"))
      return body.location;
    return response.status === 401 ? asFailure(body.error?.reason) : "network";
  } catch {
    return "network";
  }
}

export function LaunchExchange() {
  const t = useTranslations("embed.launch");
  const [failure, setFailure] = useState<LaunchFailure | null>(null);

  useEffect(() => {
    const token = window.location.hash.slice(1);
    window.history.replaceState(null, "", window.location.pathname);
    const parentOrigin = framingOrigin(window);
    let cancelled = false;
    void (async () => {
      const outcome = token ? await exchange(token, parentOrigin) : "malformed";
      if (cancelled) return;
      if (!(REASONS as readonly string[]).includes(outcome)) {
        window.location.replace(outcome);
        return;
      }
      const reason = outcome as LaunchFailure;
      setFailure(reason);
      const bridge = startPostMessageBridge({ self: window, parentOrigin, onCommand: () => undefined });
      bridge.send({ event: "error", code: "launch_refused", reason });
      bridge.stop();
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  if (!failure) {
    return (
      <p role="status" className="p-6 text-fg-muted">
        {t("opening")}
      </p>
    );
  }
  return (
    <div
      role="alert"
      className="m-6 max-w-xl rounded border border-border bg-surface p-4"
      data-testid="embed-launch-error"
    >
      <h1 className="text-lg font-semibold text-fg">{t("errorTitle")}</h1>
      <p className="mt-2 text-fg">{t(`errors.${failure}`)}</p>
    </div>
  );
}
