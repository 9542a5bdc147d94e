"use client";
/**
 * The connection state, always visible and announced politely: connecting, connected, connected
 * over the HTTP fallback, reconnecting / offline (edits are kept and merged when the link returns),
 * or refused. `data-state` lets tests read it without depending on the wording.
 */
import { useTranslations } from "use-intl";
import type { CollabState } from "@/components/documents/collab/open-collab-connection";

export type IndicatorState = "connecting" | "connected" | "http" | "reconnecting" | "offline" | "refused";

export function indicatorState(state: CollabState, everSynced: boolean): IndicatorState {
  if (state.error && state.error !== "unavailable") return "refused";
  if (state.status === "fallback-http") return "http";
  if (state.status === "connected") return "connected";
  if (state.status === "offline") return everSynced ? "offline" : "reconnecting";
  return everSynced ? "reconnecting" : "connecting";
}

const DOT: Record<IndicatorState, string> = {
  connecting: "bg-slate-400",
  connected: "bg-emerald-600",
  http: "bg-sky-600",
  reconnecting: "bg-amber-500",
  offline: "bg-amber-600",
  refused: "bg-red-700",
};

export function ConnectionIndicator({ state }: { state: IndicatorState }) {
  const t = useTranslations("documents.editor.connection");
  return (
    <p
      role="status"
      aria-live="polite"
      aria-label={t("label")}
      data-testid="connection-state"
      data-state={state}
      className="flex items-center gap-2 text-sm text-fg-muted"
    >
      <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-full ${DOT[state]}`} />
      {t(state)}
    </p>
  );
}
