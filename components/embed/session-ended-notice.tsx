"use client";
/**
 * What the editor page shows when its embed cookie opens no session for this client and document
 * (closed, cancelled, expired, never launched in this browser partition): a clear message, and an
 * `error` event (session_ended) to the vendor's page at its exact origin.
 */
import { useEffect } from "react";
import { useTranslations } from "use-intl";
import { startPostMessageBridge } from "@/components/embed/post-message-bridge";

export function SessionEndedNotice({ parentOrigin }: { parentOrigin: string | null }) {
  const t = useTranslations("embed.sessionEnded");
  useEffect(() => {
    const bridge = startPostMessageBridge({ self: window, parentOrigin, onCommand: () => undefined });
    bridge.send({ event: "error", code: "session_ended" });
    bridge.stop();
  }, [parentOrigin]);
  return (
    <div
      role="alert"
      className="m-6 max-w-xl rounded border border-border bg-surface p-4"
      data-testid="embed-session-ended"
    >
      <h1 className="text-lg font-semibold text-fg">{t("title")}</h1>
      <p className="mt-2 text-fg">{t("body")}</p>
    </div>
  );
}
