// GET /api/admin/users?q= — portal users whose name, e-mail or RPPS contains q (2–100 characters),
// with their live session count, for administrators.
import { z } from "zod";
import { findUsers } from "@/server/admin/find-users";
import { withSession } from "@/server/http/with-session";

const ZQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .min(2, "at least 2 characters")
    .max(100, "at most 100 characters")
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "must not contain control characters"),
});

export const GET = withSession({ query: ZQuery, requireAdmin: true }, async ({ query }) =>
  Response.json({ users: await findUsers(query.q) }, { headers: { "cache-control": "private, no-store" } }),
);
