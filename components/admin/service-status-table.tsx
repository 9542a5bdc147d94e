/**
 * The state of each backend as /api/ready sees it (database first), for administrators. A server
 * component: it only renders what the page measured.
 */
export interface ServiceStatusRow {
  id: string;
  label: string;
  state: "up" | "down" | "degraded";
  stateLabel: string;
  detail: string;
}

export function ServiceStatusTable({
  caption,
  summary,
  headers,
  rows,
}: {
  caption: string;
  summary: string;
  headers: { module: string; state: string; detail: string };
  rows: ServiceStatusRow[];
}) {
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-fg" data-testid="service-status-summary">
        {summary}
      </p>
      <div className="overflow-x-auto rounded border border-border">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-surface-muted text-fg">
            <tr>
              <th scope="col" className="px-2 py-1 font-medium">
                {headers.module}
              </th>
              <th scope="col" className="px-2 py-1 font-medium">
                {headers.state}
              </th>
              <th scope="col" className="px-2 py-1 font-medium">
                {headers.detail}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-t border-border" data-testid={`service-${row.id}`}>
                <th scope="row" className="px-2 py-1 font-normal text-fg">
                  {row.label}
                </th>
                <td className={`px-2 py-1 ${row.state === "up" ? "text-fg" : "font-medium text-danger"}`}>
                  {row.stateLabel}
                </td>
                <td className="px-2 py-1 text-fg-muted">{row.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
