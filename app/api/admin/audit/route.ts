// GET /api/admin/audit — one page of the audit log for administrators, newest first, filtered by
// action, actor, target, outcome and period; `before` (a seq) pages back. 403 for anyone else.
import { ZAuditPageQuery } from "@/server/admin/audit-query";
import { listAuditEvents } from "@/server/admin/list-audit-events";
import { withSession } from "@/server/http/with-session";

export const GET = withSession({ query: ZAuditPageQuery, requireAdmin: true }, async ({ query }) =>
  Response.json(await listAuditEvents(query), { headers: { "cache-control": "private, no-store" } }),
);
