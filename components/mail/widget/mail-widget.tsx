/**
 * "Messagerie" dashboard widget (server component): the inbox's unread count and its five newest
 * messages, each a link that opens it in /mail. When the person has not connected their mail
 * account, the connect form takes the list's place (a client island with its own few strings).
 * Senders and subjects are rendered as text.
 */
import { GroupwareConnectWidget, type GroupwareNotConnected } from "@/components/shared/groupware-connect-widget";
import { WidgetEmpty, WidgetListLayout } from "@/components/shared/widget-list-layout";

export type MailWidgetData =
  | {
      state: "ok";
      unread: number;
      /** "3 messages non lus", already phrased. */
      unreadLabel: string;
      items: Array<{
        key: string;
        href: string;
        sender: string;
        subject: string;
        unread: boolean;
        dateTime: string;
        date: string;
      }>;
      labels: { listLabel: string; empty: string; all: string };
    }
  | GroupwareNotConnected;

export function MailWidget({ data }: { data: MailWidgetData }) {
  if (data.state === "not-connected") return <GroupwareConnectWidget data={data} />;
  return (
    <WidgetListLayout testId="mail-widget" more={{ href: "/mail", label: data.labels.all }}>
      <p className={data.unread > 0 ? "font-semibold" : "text-fg-muted"}>{data.unreadLabel}</p>
      {data.items.length === 0 ? (
        <WidgetEmpty>{data.labels.empty}</WidgetEmpty>
      ) : (
        <ul aria-label={data.labels.listLabel} className="divide-y divide-border">
          {data.items.map((item) => (
            <li key={item.key} className="py-2">
              <a href={item.href} className="block min-w-0 hover:underline">
                <span className={`block truncate ${item.unread ? "font-bold" : "font-medium"}`}>{item.sender}</span>
                <span className="block truncate">{item.subject}</span>
              </a>
              <time dateTime={item.dateTime} className="text-xs text-fg-muted">
                {item.date}
              </time>
            </li>
          ))}
        </ul>
      )}
    </WidgetListLayout>
  );
}
