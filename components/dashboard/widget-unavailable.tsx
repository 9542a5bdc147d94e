/**
 * The degraded state of a widget whose backend failed or did not answer in time: said plainly,
 * inside this card only, with a way to try again. Never shows the technical reason (it may name
 * internal hosts); the server logs it.
 *
 * The client-side error boundary renders it too, hence only the one icon it needs.
 */
import { WarningIcon } from "@/components/shell/warning-icon";

export function WidgetUnavailable({
  title,
  detail,
  retry,
}: {
  title: string;
  detail: string;
  /** A link (works without JavaScript) or, from an error boundary, a button. */
  retry:
    | { href: string; label: string; accessibleLabel: string }
    | { onRetry: () => void; label: string; accessibleLabel: string };
}) {
  const retryClass =
    "mt-3 inline-flex min-h-11 items-center rounded-md border border-border-strong px-3 text-sm font-medium text-primary-ink hover:bg-surface-muted";
  return (
    <div role="status" data-widget-state="unavailable" className="rounded-md bg-danger-surface p-3 text-sm">
      <p className="flex items-center gap-2 font-semibold text-danger">
        <WarningIcon className="size-4 shrink-0" />
        {title}
      </p>
      <p className="mt-1 text-fg">{detail}</p>
      {"href" in retry ? (
        <a href={retry.href} aria-label={retry.accessibleLabel} className={retryClass}>
          {retry.label}
        </a>
      ) : (
        <button type="button" onClick={retry.onRetry} aria-label={retry.accessibleLabel} className={retryClass}>
          {retry.label}
        </button>
      )}
    </div>
  );
}
