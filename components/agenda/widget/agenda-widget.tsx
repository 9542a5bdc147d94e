/**
 * "Agenda : aujourd’hui et demain" dashboard widget (server component): the person's events of
 * today and tomorrow, grouped by day, each a link that opens its day in /agenda; invitations not
 * yet answered are marked. When the person has not connected their groupware account, the
 * connect form takes the list's place (a client island with its own few strings).
 */
import { GroupwareConnectWidget, type GroupwareNotConnected } from "@/components/shared/groupware-connect-widget";
import { WidgetEmpty, WidgetListLayout } from "@/components/shared/widget-list-layout";

export interface AgendaWidgetItem {
  key: string;
  href: string;
  summary: string;
  /** "09:00 – 10:00", or the all-day label. */
  time: string;
  dateTime: string;
  location: string | null;
  invitation: boolean;
}

export type AgendaWidgetData =
  | {
      state: "ok";
      days: Array<{ key: string; title: string; items: AgendaWidgetItem[] }>;
      labels: { empty: string; open: string; invitation: string };
    }
  | GroupwareNotConnected;

export function AgendaWidget({ data }: { data: AgendaWidgetData }) {
  if (data.state === "not-connected") return <GroupwareConnectWidget data={data} />;
  return (
    <WidgetListLayout testId="agenda-widget" more={{ href: "/agenda", label: data.labels.open }}>
      {data.days.map((day) => (
        <section key={day.key} aria-labelledby={`agenda-widget-${day.key}`}>
          <h3 id={`agenda-widget-${day.key}`} className="font-semibold">
            {day.title}
          </h3>
          {day.items.length === 0 ? (
            <WidgetEmpty>{data.labels.empty}</WidgetEmpty>
          ) : (
            <ul className="divide-y divide-border">
              {day.items.map((item) => (
                <li key={item.key} className="py-1.5">
                  <a href={item.href} className="flex min-w-0 gap-2 hover:underline">
                    <time dateTime={item.dateTime} className="w-24 shrink-0 text-fg-muted tabular-nums">
                      {item.time}
                    </time>
                    <span className="min-w-0">
                      <span className="block truncate font-medium">{item.summary}</span>
                      {item.location && <span className="block truncate text-fg-muted">{item.location}</span>}
                      {item.invitation && (
                        <span className="mt-0.5 inline-block rounded bg-surface-muted px-1.5 text-xs font-medium">
                          {data.labels.invitation}
                        </span>
                      )}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </WidgetListLayout>
  );
}
