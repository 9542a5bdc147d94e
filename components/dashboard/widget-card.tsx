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
