/**
 * "Latest news" dashboard widget (server component): up to five items of the institution's feed.
 *
 * Titles are rendered as text (React escapes them), never as HTML. Links arrive already limited to
 * http(s) by the news integration; they open in a new tab without giving it a handle on the portal
 * (`noopener`) or the portal's URL (`noreferrer`), and say so to screen readers.
 */
export interface NewsWidgetData {
  items: Array<{
    title: string;
    /** Absolute http(s) URL, or null: then the title is shown without a link. */
    url: string | null;
    /** ISO 8601 for <time dateTime>, and the same date formatted in the reader's language. */
    dateTime: string | null;
    date: string | null;
  }>;
  labels: { listLabel: string; empty: string; newTab: string };
}

export function NewsWidget({ data }: { data: NewsWidgetData }) {
  if (data.items.length === 0) return <p className="text-sm text-slate-600">{data.labels.empty}</p>;
  return (
    <ul aria-label={data.labels.listLabel} className="divide-y divide-slate-200 text-sm">
      {data.items.map((item, index) => (
        <li key={`${index}-${item.url ?? item.title}`} className="py-2">
          {item.url ? (
            <a
              href={item.url}
              target="_blank"
              rel="noopener noreferrer"
              className="font-medium text-slate-900 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2"
            >
              {item.title}
              <span className="sr-only"> {data.labels.newTab}</span>
            </a>
          ) : (
            <span className="font-medium text-slate-900">{item.title}</span>
          )}
          {item.dateTime && item.date ? (
            <time dateTime={item.dateTime} className="block text-slate-600">
              {item.date}
            </time>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
