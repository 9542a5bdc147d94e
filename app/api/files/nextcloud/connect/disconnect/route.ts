// POST /api/files/nextcloud/connect/disconnect — revokes the user's app password at Nextcloud and
// forgets it: { connected: false }. Files then answer NEXTCLOUD_NOT_CONNECTED until reconnected.
import { withSession } from "@/server/http/with-session";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { requestMeta } from "@/server/auth/request-meta";
import { disconnectNextcloud } from "@/integrations/nextcloud/auth/login-flow";
import { appPasswordClientFromEnv } from "@/integrations/nextcloud/nextcloud-config";

export const POST = withSession({}, async ({ user, request }) => {
  if (await disconnectNextcloud(appPasswordClientFromEnv(), user.id, request.signal)) {
    await recordAuditEvent({
      action: "files.nextcloud_disconnected",
      actorUserId: user.id,
      targetType: "user",
      targetId: user.id,
      ...(await requestMeta()),
    });
  }
  return Response.json({ connected: false }, { headers: { "cache-control": "no-store" } });
});
