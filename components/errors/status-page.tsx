/**
 * The body of the full-page states (not found, unexpected error, offline): an icon, a heading,
 * an explanation and the way out. Presentational only, usable from server and client components.
 */
import type { ReactNode } from "react";

export function StatusPage({
  icon,
  title,
  children,
  actions,
  headingLevel = 1,
  lang,
}: {
  /** An `<Icon>` from a server page; client callers pass a single inline SVG so that the whole
   *  icon set does not end up in the browser bundle. */
  icon: ReactNode;
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  /** 2 when the page shows the same message in a second language under the first. */
  headingLevel?: 1 | 2;
  lang?: string;
}) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <div lang={lang} className="mx-auto max-w-xl rounded-lg border border-border bg-surface p-6 shadow-sm sm:p-8">
      <span className="mb-4 flex size-12 items-center justify-center rounded-full bg-slate-100 text-primary-ink">
        {icon}
      </span>
      <Heading className="text-2xl font-semibold">{title}</Heading>
      <div className="mt-3 space-y-2 text-fg">{children}</div>
      {actions ? <div className="mt-6 flex flex-wrap gap-3">{actions}</div> : null}
    </div>
  );
}

/** The main action of a status page, as a link (works without JavaScript). */
export const primaryActionClass =
  "inline-flex min-h-11 items-center justify-center rounded-md bg-primary px-4 font-semibold text-on-primary hover:underline";
export const secondaryActionClass =
  "inline-flex min-h-11 items-center justify-center rounded-md border border-border-strong bg-surface px-4 font-semibold text-primary-ink hover:bg-surface-muted";
