/**
 * "Recent documents" dashboard widget (server component): the last documents the person opened,
 * each a link to its editor, and a link to the whole list. Titles are text, never HTML. Plain
 * `<a>` links, not next/link, like the shell's (components/shell/site-header.tsx): next/link
 * would add its client code to the dashboard's first load for a link that opens another page.
 */
import { WidgetEmpty, WidgetListLayout } from "@/components/shared/widget-list-layout";

export interface RecentDocumentsWidgetData {
  items: Array<{ id: string; title: string; dateTime: string; date: string }>;
  labels: { empty: string; listLabel: string; all: string };
}

export function RecentDocumentsWidget({ data }: { data: RecentDocumentsWidgetData }) {
  return (
    <WidgetListLayout more={{ href: "/documents", label: data.labels.all }}>
      {data.items.length === 0 ? (
        <WidgetEmpty>{data.labels.empty}</WidgetEmpty>
      ) : (
        <ul aria-label={data.labels.listLabel} className="divide-y divide-border">
          {data.items.map((item) => (
            <li key={item.id} className="py-2">
              <a
                href={`/documents/${encodeURIComponent(item.id)}`}
                className="font-medium text-fg underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2"
              >
                {item.title}
              </a>
              <time dateTime={item.dateTime} className="block text-fg-muted">
                {item.date}
              </time>
            </li>
          ))}
        </ul>
      )}
    </WidgetListLayout>
  );
}
