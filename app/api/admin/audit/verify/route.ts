// POST /api/admin/audit/verify — recomputes the whole hash chain (as `npm run audit:verify` does)
// and answers whether it is intact or where it breaks. The check itself is recorded.
import { z } from "zod";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain";
import { requestMeta } from "@/server/auth/request-meta";
import { db } from "@/server/db/client";
import { withSession } from "@/server/http/with-session";

export const POST = withSession({ body: z.strictObject({}), requireAdmin: true }, async ({ user }) => {
  const verdict = await verifyAuditChain(await db());
  await recordAuditEvent({
    action: "admin.audit_verified",
    actorUserId: user.id,
    outcome: verdict.ok ? "success" : "failure",
    ...(await requestMeta()),
    details: verdict.ok ? { rows: verdict.rows } : { rows: verdict.rows, brokenAt: verdict.brokenAt },
  });
  return Response.json(verdict, { headers: { "cache-control": "no-store" } });
});
