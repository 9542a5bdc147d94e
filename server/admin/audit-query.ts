/**
 * What an administrator may ask of the audit log: filters and a page cursor, validated once here
 * for the listing route and the CSV export alike. Dates are instants (ISO 8601 with an offset):
 * the page turns the days a person picks into instants in Europe/Paris before asking.
 */
import "server-only";
import { z } from "zod";
import { AUDIT_ACTIONS } from "@/server/audit/actions";

const ZInstant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time with an offset" });

const filterShape = {
  action: z.enum(AUDIT_ACTIONS, { message: "must be one of the portal's audit actions" }).optional(),
  actor: z.uuid({ message: "must be a user id" }).optional(),
  target: z.string().trim().min(1).max(256, "at most 256 characters").optional(),
  outcome: z.enum(["success", "failure"], { message: "must be success or failure" }).optional(),
  from: ZInstant.optional(),
  to: ZInstant.optional(),
};

function fromNotAfterTo(filters: { from?: string | undefined; to?: string | undefined }): boolean {
  return !filters.from || !filters.to || Date.parse(filters.from) <= Date.parse(filters.to);
}
const orderMessage = { message: "from must not be after to", path: ["from"] };

export const ZAuditFilters = z.strictObject(filterShape).refine(fromNotAfterTo, orderMessage);

export type TAuditFilters = z.output<typeof ZAuditFilters>;

export const ZAuditPageQuery = z
  .strictObject({
    ...filterShape,
    /** The `seq` of the last row already shown: the next page holds older rows. */
    before: z.coerce.number().int().positive("must be a positive integer").optional(),
    limit: z.coerce.number().int().min(1).max(100, "at most 100").default(50),
  })
  .refine(fromNotAfterTo, orderMessage);

export type TAuditPageQuery = z.output<typeof ZAuditPageQuery>;
