// POST /api/files/nextcloud/connect/poll — asks Nextcloud once whether the person granted access:
// { connected: true, status: "connected" } once the app password is stored (sealed), else
// { connected: false, status: "pending" | "none" } ("none": no flow in progress, or it expired).
import { withSession } from "@/server/http/with-session";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { requestMeta } from "@/server/auth/request-meta";
import { pollLoginFlow } from "@/integrations/nextcloud/auth/login-flow";
import { appPasswordClientFromEnv } from "@/integrations/nextcloud/nextcloud-config";

export const POST = withSession({}, async ({ user, request }) => {
  const { connected, status, stored } = await pollLoginFlow(appPasswordClientFromEnv(), user.id, request.signal);
  if (stored) {
    await recordAuditEvent({
      action: "files.nextcloud_connected",
      actorUserId: user.id,
      targetType: "user",
      targetId: user.id,
      ...(await requestMeta()),
    });
  }
  return Response.json({ connected, status }, { headers: { "cache-control": "no-store" } });
});
