/**
 * The layout the dashboard's list widgets share (Mail, Agenda, recent Files): the widget's content
 * in a small-text column, then the link that opens the module ("Ouvrir la messagerie"). A server
 * component: the widgets render on the server with their strings already translated.
 */
import type { ReactNode } from "react";

export function WidgetListLayout({
  children,
  more,
  testId,
}: {
  children: ReactNode;
  /** The closing link to the module's page. */
  more: { href: string; label: string };
  testId?: string;
}) {
  return (
    <div className="space-y-3 text-sm" data-testid={testId}>
      {children}
      <a href={more.href} className="inline-block text-primary-ink underline">
        {more.label}
      </a>
    </div>
  );
}

/** The line a widget shows instead of its list when there is nothing to list. */
export function WidgetEmpty({ children }: { children: ReactNode }) {
  return <p className="text-fg-muted">{children}</p>;
}
