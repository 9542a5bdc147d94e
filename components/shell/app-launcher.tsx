/**
 * The app launcher: the enabled modules' navigation entries, in a header menu. The list comes from
 * the module registry through the layout; a module that is not configured is not listed.
 * Plain links, not next/link: see site-header.tsx.
 */
import { DisclosureMenu } from "@/components/shell/disclosure-menu";
import { Icon } from "@/components/shell/icons";

export interface TLauncherItem {
  id: string;
  href: string;
  label: string;
  icon: string;
}

export function AppLauncher({
  items,
  labels,
}: {
  items: readonly TLauncherItem[];
  labels: { toggle: string; navLabel: string; empty: string };
}) {
  return (
    <DisclosureMenu
      testId="app-launcher-toggle"
      summaryClassName="flex min-h-11 min-w-11 items-center justify-center gap-2 rounded-md px-2 hover:bg-black/10 group-open:bg-black/15"
      panelClassName="absolute left-0 z-40 mt-2 w-[min(22rem,calc(100vw-1.5rem))] rounded-lg border border-border bg-surface p-2 text-fg shadow-xl"
      summary={
        <>
          <Icon name="apps" className="size-6" />
          <span className="sr-only sm:not-sr-only sm:text-sm sm:font-medium">{labels.toggle}</span>
        </>
      }
    >
      <nav aria-label={labels.navLabel}>
        {items.length === 0 ? (
          <p className="p-3 text-sm text-fg-muted">{labels.empty}</p>
        ) : (
          <ul className="grid grid-cols-2 gap-1 sm:grid-cols-3">
            {items.map((item) => (
              <li key={item.id}>
                <a
                  href={item.href}
                  className="flex min-h-20 flex-col items-center justify-center gap-1.5 rounded-md p-2 text-center text-sm hover:bg-surface-muted"
                >
                  <span className="flex size-10 items-center justify-center rounded-full bg-primary text-on-primary">
                    <Icon name={item.icon} className="size-5" />
                  </span>
                  <span className="leading-tight">{item.label}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </nav>
    </DisclosureMenu>
  );
}
