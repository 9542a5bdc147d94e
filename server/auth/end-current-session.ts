/**
 * Ends the portal session of the request being served and returns where the browser should go
 * next: the provider's logout endpoint, or the portal's signed-out page when there is none.
 */
import "server-only";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { getCurrentUser } from "@/server/auth/current-user";
import { buildEndSessionUrl, POST_LOGOUT_PATH } from "@/server/auth/end-session-url";
import { requestMeta } from "@/server/auth/request-meta";
import { readSessionTokens, revokeSessionById, revokeUserSessions } from "@/server/auth/sessions";

export async function endCurrentSession(options: { everywhere: boolean }): Promise<string> {
  const user = await getCurrentUser();
  if (!user) return POST_LOGOUT_PATH;
  const tokens = await readSessionTokens(user.sessionId);
  const meta = await requestMeta();
  if (options.everywhere) {
    const count = await revokeUserSessions(user.id, "sign_out_everywhere");
    await recordAuditEvent({ action: "auth.sessions_revoked_all", actorUserId: user.id, ...meta, details: { count } });
  } else {
    await revokeSessionById(user.sessionId, "sign_out");
    await recordAuditEvent({
      action: "auth.sign_out",
      actorUserId: user.id,
      targetType: "session",
      targetId: user.sessionId,
      ...meta,
    });
  }
  return (tokens && (await buildEndSessionUrl(tokens.provider, tokens.idToken))) ?? POST_LOGOUT_PATH;
}
