// GET /api/admin/audit/export — the filtered audit log as a CSV download, streamed. The export is
// recorded (who took a copy of the log, with which filters).
import { ZAuditFilters } from "@/server/admin/audit-query";
import { auditCsvStream } from "@/server/admin/audit-csv";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { requestMeta } from "@/server/auth/request-meta";
import { withSession } from "@/server/http/with-session";

export const GET = withSession({ query: ZAuditFilters, requireAdmin: true }, async ({ user, query }) => {
  await recordAuditEvent({
    action: "admin.audit_exported",
    actorUserId: user.id,
    ...(await requestMeta()),
    details: {
      action: query.action ?? null,
      actor: query.actor ?? null,
      target: query.target ?? null,
      outcome: query.outcome ?? null,
      from: query.from ?? null,
      to: query.to ?? null,
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(auditCsvStream(query), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="audit-${day}.csv"`,
      "cache-control": "private, no-store",
    },
  });
});
