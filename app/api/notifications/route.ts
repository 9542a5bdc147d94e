// GET /api/notifications – the header bell: what every enabled module has new for the signed-in
// person (mail: unseen messages…), each module under the widget deadline; never cached.
import { env } from "@/server/env";
import { withSession } from "@/server/http/with-session";
import { getLocale } from "@/server/i18n/get-locale";
import { getEnabledModules } from "@/server/modules/registry";
import { loadNotifications } from "@/server/notifications/load-notifications";

export const dynamic = "force-dynamic";

export const GET = withSession({}, async ({ user, request }) => {
  const config = env();
  const answer = await loadNotifications(getEnabledModules(config), {
    user,
    locale: await getLocale(),
    timeoutMs: config.WIDGET_TIMEOUT_MS,
    signal: request.signal,
  });
  return Response.json(answer, { headers: { "cache-control": "no-store" } });
});
