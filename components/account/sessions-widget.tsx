/**
 * "My sessions" dashboard widget (server component). Each session can be closed with a plain form
 * posting to a server action, so it works before any JavaScript has loaded.
 */
export interface SessionsWidgetData {
  sessions: Array<{
    id: string;
    device: string;
    current: boolean;
    since: string;
    lastSeen: string;
    revokeLabel: string;
  }>;
  labels: { intro: string; current: string; revoke: string; none: string; signOutEverywhere: string };
  revokeAction: (formData: FormData) => Promise<void>;
  signOutEverywhereAction: () => Promise<void>;
}

export function SessionsWidget({ data }: { data: SessionsWidgetData }) {
  const others = data.sessions.filter((session) => !session.current);
  return (
    <div className="space-y-3 text-sm">
      <p className="text-fg-muted">{data.labels.intro}</p>
      <ul className="divide-y divide-border">
        {data.sessions.map((session) => (
          <li key={session.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <div>
              <p className="font-medium text-fg">
                {session.device}
                {session.current ? (
                  <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-900">
                    {data.labels.current}
                  </span>
                ) : null}
              </p>
              <p className="text-fg-muted">
                {session.since} · {session.lastSeen}
              </p>
            </div>
            {session.current ? null : (
              <form action={data.revokeAction}>
                <input type="hidden" name="sessionId" value={session.id} />
                <button
                  type="submit"
                  aria-label={session.revokeLabel}
                  className="rounded border border-border-strong px-2 py-1 text-fg hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-offset-2"
                >
                  {data.labels.revoke}
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {others.length === 0 ? <p className="text-fg-muted">{data.labels.none}</p> : null}
      <form action={data.signOutEverywhereAction}>
        <button
          type="submit"
          className="rounded bg-primary px-3 py-1.5 text-on-primary hover:opacity-90 focus-visible:outline-2 focus-visible:outline-offset-2"
        >
          {data.labels.signOutEverywhere}
        </button>
      </form>
    </div>
  );
}
