// GET /api/files/nextcloud/connect — whether the signed-in user has connected their Nextcloud
// account (NEXTCLOUD_AUTH=app-password): { connected }. 503 NOT_CONFIGURED in other set-ups.
import { withSession } from "@/server/http/with-session";
import { isConnected } from "@/integrations/nextcloud/auth/login-flow";
import { appPasswordClientFromEnv } from "@/integrations/nextcloud/nextcloud-config";

export const GET = withSession({}, async ({ user }) => {
  appPasswordClientFromEnv();
  return Response.json({ connected: await isConnected(user.id) }, { headers: { "cache-control": "no-store" } });
});
