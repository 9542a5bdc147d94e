/** One titled part of the /admin page: a heading, a line saying what it is for, its content. */
import { useId, type ReactNode } from "react";

export function AdminSection({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3">
      <h2 id={headingId} className="text-lg font-semibold text-fg">
        {title}
      </h2>
      <p className="text-sm text-fg-muted">{intro}</p>
      {children}
    </section>
  );
}
