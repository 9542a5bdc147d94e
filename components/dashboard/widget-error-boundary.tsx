"use client";
/**
 * Keeps a widget whose component throws while rendering inside its own card: the loader already
 * turns backend failures and timeouts into the degraded state, this catches a bug in a module's
 * component, which would otherwise replace the whole dashboard with the error page.
 */
import { catchError, type ErrorInfo } from "next/error";
import { WidgetUnavailable } from "@/components/dashboard/widget-card";

interface TFallbackProps {
  title: string;
  detail: string;
  retryLabel: string;
  retryAccessibleLabel: string;
}

function WidgetErrorFallback(props: TFallbackProps, { retry }: ErrorInfo) {
  return (
    <WidgetUnavailable
      title={props.title}
      detail={props.detail}
      retry={{ onRetry: retry, label: props.retryLabel, accessibleLabel: props.retryAccessibleLabel }}
    />
  );
}

export const WidgetErrorBoundary = catchError(WidgetErrorFallback);
