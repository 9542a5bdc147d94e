"use client";
/**
 * Keeps a widget whose component throws while rendering inside its own card: the loader already
 * turns backend failures and timeouts into the degraded state, this catches a bug in a module's
 * component, which would otherwise replace the whole dashboard with the error page.
 *
 * A plain React error boundary rather than next/error's catchError (4 KB gzip more on the
 * dashboard's first load); the retry is the same full reload as the degraded state's link.
 */
import { Component, type ReactNode } from "react";
import { WidgetUnavailable } from "@/components/dashboard/widget-unavailable";

interface TProps {
  title: string;
  detail: string;
  retryLabel: string;
  retryAccessibleLabel: string;
  children: ReactNode;
}

/** Next.js signals redirect() and notFound() by throwing errors with these digests. */
function isNavigationSignal(error: unknown): boolean {
  const digest = typeof error === "object" && error !== null && "digest" in error ? error.digest : undefined;
  return (
    typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK"))
  );
}

export class WidgetErrorBoundary extends Component<TProps, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    // Not ours to handle: let the framework's own boundaries act on them.
    if (isNavigationSignal(error)) throw error;
    return (
      <WidgetUnavailable
        title={this.props.title}
        detail={this.props.detail}
        retry={{ href: "/", label: this.props.retryLabel, accessibleLabel: this.props.retryAccessibleLabel }}
      />
    );
  }
}
