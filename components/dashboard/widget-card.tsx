/**
 * The frame of one dashboard widget. The title is drawn at once; only the body waits for the
 * module's data (inside its own <Suspense>), so a slow backend shows a skeleton in its own card and
 * nothing else waits for it.
 */
import type { ReactNode } from "react";
import { Icon } from "@/components/shell/icons";

export function WidgetCard({
  id,
  title,
  icon,
  children,
}: {
  id: string;
  title: string;
  icon?: string;
  children: ReactNode;
}) {
  const headingId = `widget-${id}-title`;
  return (
    <section
      id={`widget-${id}`}
      aria-labelledby={headingId}
      data-widget={id}
      className="flex min-h-40 flex-col rounded-lg border border-border bg-surface p-4 shadow-sm"
    >
      <h3 id={headingId} className="flex items-center gap-2 text-base font-semibold">
        {icon ? (
          <span className="text-primary-ink">
            <Icon name={icon} />
          </span>
        ) : null}
        {title}
      </h3>
      <div className="mt-3 flex-1">{children}</div>
    </section>
  );
}

/** Placeholder while a widget loads: grey bars for the eye, a status line for screen readers. */
export function WidgetSkeleton({ label }: { label: string }) {
  return (
    <div aria-busy="true">
      <p className="sr-only" role="status">
        {label}
      </p>
      <div aria-hidden="true" className="space-y-3 motion-safe:animate-pulse">
        <div className="h-3 w-3/4 rounded bg-slate-200" />
        <div className="h-3 w-full rounded bg-slate-200" />
        <div className="h-3 w-5/6 rounded bg-slate-200" />
        <div className="h-3 w-2/3 rounded bg-slate-200" />
      </div>
    </div>
  );
}

/**
 * The degraded state of a widget whose backend failed or did not answer in time: said plainly,
 * inside this card only, with a way to try again. Never shows the technical reason (it may name
 * internal hosts); the server logs it.
 */
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
        <Icon name="warning" className="size-4" />
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
