"use client";
/**
 * Shown when files live on Nextcloud with per-user app passwords (NEXTCLOUD_AUTH=app-password) and
 * this person has not yet allowed the portal in: Nextcloud's Login Flow v2. The portal starts the
 * flow (server side), the person approves in a Nextcloud window, and the page polls the portal
 * until it holds the app password (stored encrypted, server side), then reloads the listing.
 */
import { useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "use-intl";
import { ApiError, fetchJson } from "./api/fetch-json";
import { FILES_KEY } from "./api/file-queries";
import { buttonClass } from "./dialogs/modal-dialog";

/** The storage's answer when the signed-in person has no Nextcloud credential yet. */
export function needsNextcloudConnection(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.code === "NEXTCLOUD_NOT_CONNECTED" ||
      error.detail.connect === "nextcloud" ||
      error.detail.reason === "nextcloud-not-connected")
  );
}

const POLL_INTERVAL_MS = 2000;

export function NextcloudConnectPanel() {
  const t = useTranslations("files.nextcloud");
  const queryClient = useQueryClient();
  const [state, setState] = useState<"idle" | "waiting" | "failed">("idle");
  const [loginUrl, setLoginUrl] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  async function poll() {
    try {
      const answer = await fetchJson<{ connected?: boolean; status?: string }>("/api/files/nextcloud/connect/poll", {
        method: "POST",
      });
      if (answer.connected || answer.status === "connected") {
        setState("idle");
        await queryClient.invalidateQueries({ queryKey: FILES_KEY });
        return;
      }
      timer.current = setTimeout(() => void poll(), POLL_INTERVAL_MS);
    } catch {
      setState("failed");
    }
  }

  async function start() {
    // The window opens inside the click (popup blockers), then goes to Nextcloud's login page.
    const popup = window.open("about:blank", "_blank");
    try {
      const answer = await fetchJson<{ login?: string; loginUrl?: string }>("/api/files/nextcloud/connect/start", {
        method: "POST",
      });
      const url = answer.loginUrl ?? answer.login ?? null;
      setLoginUrl(url);
      if (url && popup) popup.location.href = url;
      setState("waiting");
      timer.current = setTimeout(() => void poll(), POLL_INTERVAL_MS);
    } catch {
      popup?.close();
      setState("failed");
    }
  }

  return (
    <section
      aria-labelledby="nextcloud-connect-title"
      className="rounded-lg border border-border-strong bg-surface p-4"
      data-testid="nextcloud-connect"
    >
      <h2 id="nextcloud-connect-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="mt-2 text-sm">{t("body")}</p>
      <div className="mt-3 flex flex-wrap items-center gap-3" aria-live="polite">
        {state === "waiting" ? (
          <>
            <p className="text-sm">{t("waiting")}</p>
            {loginUrl ? (
              <a href={loginUrl} target="_blank" rel="noopener noreferrer" className={buttonClass.secondary}>
                {t("openAgain")}
              </a>
            ) : null}
          </>
        ) : (
          <button type="button" className={buttonClass.primary} onClick={() => void start()}>
            {t("connect")}
          </button>
        )}
        {state === "failed" ? (
          <p role="alert" className="text-sm text-danger">
            {t("failed")}
          </p>
        ) : null}
      </div>
    </section>
  );
}
