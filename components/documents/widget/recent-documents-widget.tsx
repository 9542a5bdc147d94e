/**
 * "Recent documents" dashboard widget (server component): the last documents the person opened,
 * each a link to its editor, and a link to the whole list. Titles are text, never HTML.
 */
import Link from "next/link";

export interface RecentDocumentsWidgetData {
  items: Array<{ id: string; title: string; dateTime: string; date: string }>;
  labels: { empty: string; listLabel: string; all: string };
}

export function RecentDocumentsWidget({ data }: { data: RecentDocumentsWidgetData }) {
  return (
    <div className="space-y-3 text-sm">
      {data.items.length === 0 ? (
        <p className="text-fg-muted">{data.labels.empty}</p>
      ) : (
        <ul aria-label={data.labels.listLabel} className="divide-y divide-border">
          {data.items.map((item) => (
            <li key={item.id} className="py-2">
              <Link
                href={`/documents/${item.id}`}
                className="font-medium text-fg underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2"
              >
                {item.title}
              </Link>
              <time dateTime={item.dateTime} className="block text-fg-muted">
                {item.date}
              </time>
            </li>
          ))}
        </ul>
      )}
      <Link
        href="/documents"
        className="inline-block text-primary underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2"
      >
        {data.labels.all}
      </Link>
    </div>
  );
}
