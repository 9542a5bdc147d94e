// `npm run audit:verify`: recomputes the audit log's hash chain and exits 1 at the first broken
// row (modified, removed or inserted). Reads DATABASE_URL or the embedded database like the portal.
import { getDatabase } from "@/server/db/client";
import { verifyAuditChain } from "@/server/audit/verify-audit-chain";

const open = await getDatabase();
try {
  const verdict = await verifyAuditChain(open.db);
  process.stdout.write(`${JSON.stringify(verdict)}\n`);
  process.exitCode = verdict.ok ? 0 : 1;
} finally {
  await open.close();
}
