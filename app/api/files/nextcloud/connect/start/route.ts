// POST /api/files/nextcloud/connect/start — starts Nextcloud Login Flow v2 for the signed-in user:
// { loginUrl, expiresAt }. The page opens loginUrl (Nextcloud's grant page) and then polls
// /api/files/nextcloud/connect/poll.
import { withSession } from "@/server/http/with-session";
import { startLoginFlow } from "@/integrations/nextcloud/auth/login-flow";
import { appPasswordClientFromEnv } from "@/integrations/nextcloud/nextcloud-config";

export const POST = withSession({}, async ({ user, request }) => {
  const flow = await startLoginFlow(appPasswordClientFromEnv(), user.id, request.signal);
  return Response.json(flow, { headers: { "cache-control": "no-store" } });
});
