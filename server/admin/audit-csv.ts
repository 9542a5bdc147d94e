/**
 * The audit log as CSV for security officers (opened in a spreadsheet), streamed page by page so
 * an export of millions of rows never sits in memory.
 *
 * Cells are quoted when needed (RFC 4180), and a cell that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) is prefixed with an apostrophe: a user agent
 * or a target id is attacker-controlled text, and "CSV injection" turns it into a formula on the
 * officer's machine.
 */
import "server-only";
import { desc, eq } from "drizzle-orm";
import { db as getDb } from "@/server/db/client";
import { auditLog, users } from "@/server/db/schema";
import type { TAuditFilters } from "@/server/admin/audit-query";
import { auditConditions, auditRowColumns } from "@/server/admin/list-audit-events";

const PAGE = 1000;
const HEADER = [
  "seq",
  "at",
  "action",
  "outcome",
  "actor_user_id",
  "actor_name",
  "target_type",
  "target_id",
  "ip",
  "user_agent",
  "details",
];

export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(cells: Array<string | number | null>): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** A byte stream of the whole filtered log, newest first, with a header line. */
export function auditCsvStream(filters: TAuditFilters, pageSize = PAGE): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let before: number | undefined;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        // A byte-order mark so that spreadsheets read the accents of names as UTF-8.
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(HEADER)}`));
        return;
      }
      const database = await getDb();
      const rows = await database
        .select(auditRowColumns)
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorUserId))
        .where(auditConditions(filters, before))
        .orderBy(desc(auditLog.seq))
        .limit(pageSize);
      if (rows.length > 0) {
        const text = rows
          .map((row) =>
            csvLine([
              row.seq,
              new Date(row.at).toISOString(),
              row.action,
              row.outcome,
              row.actorUserId,
              row.actorName,
              row.targetType,
              row.targetId,
              row.ip,
              row.userAgent,
              JSON.stringify(row.details),
            ]),
          )
          .join("");
        controller.enqueue(encoder.encode(text));
        before = rows.at(-1)?.seq;
      }
      if (rows.length < pageSize) controller.close();
    },
  });
}
