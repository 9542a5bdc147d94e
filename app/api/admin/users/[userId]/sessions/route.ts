// DELETE /api/admin/users/{userId}/sessions — ends every live session of that person (recorded as
// admin.sessions_revoked). 404 for an unknown user, 400 for an id that is not a user id.
import { z } from "zod";
import { revokeSessionsAsAdmin } from "@/server/admin/revoke-user-sessions";
import { requestMeta } from "@/server/auth/request-meta";
import { withSession } from "@/server/http/with-session";

const ZParams = z.strictObject({ userId: z.uuid({ message: "must be a user id" }) });

export const DELETE = withSession<z.ZodUndefined, z.ZodUndefined, { userId: string }>(
  { requireAdmin: true },
  async ({ user, params }) => {
    const { userId } = ZParams.parse(params);
    const result = await revokeSessionsAsAdmin(user, userId, await requestMeta());
    return Response.json(result, { headers: { "cache-control": "no-store" } });
  },
);
