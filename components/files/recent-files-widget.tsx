/**
 * "Recent files" dashboard widget (server component): the last files the person changed, with
 * their folder, date and size, each linking to its folder in /files. Names are rendered as text.
 */
import { WidgetEmpty, WidgetListLayout } from "@/components/shared/widget-list-layout";
import { FileIcon } from "./file-icons";

export interface RecentFilesWidgetData {
  items: Array<{
    name: string;
    /** "dans Rapports" — the folder, already phrased in the reader's language. */
    folder: string;
    /** /files?path=… of the file's folder. */
    href: string;
    icon: string;
    dateTime: string;
    date: string;
    size: string;
  }>;
  labels: { listLabel: string; empty: string; all: string };
}

export function RecentFilesWidget({ data }: { data: RecentFilesWidgetData }) {
  return (
    <WidgetListLayout more={{ href: "/files", label: data.labels.all }}>
      {data.items.length === 0 ? (
        <WidgetEmpty>{data.labels.empty}</WidgetEmpty>
      ) : (
        <ul aria-label={data.labels.listLabel} className="divide-y divide-border">
          {data.items.map((item) => (
            <li key={`${item.href}/${item.name}`} className="flex items-start gap-2 py-2">
              <span className="mt-0.5 text-fg-muted">
                <FileIcon name={item.icon} className="size-4" />
              </span>
              <div className="min-w-0 flex-1">
                <a href={item.href} className="block truncate font-medium text-fg hover:underline">
                  {item.name}
                </a>
                <p className="truncate text-fg-muted">
                  {item.folder} · <time dateTime={item.dateTime}>{item.date}</time> · {item.size}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </WidgetListLayout>
  );
}
