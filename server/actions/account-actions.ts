"use server";
/**
 * Session management from the "My sessions" widget: close one of my own sessions.
 * The session id is checked to belong to the signed-in user; anything else is refused.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { requireUser } from "@/server/auth/current-user";
import { requestMeta } from "@/server/auth/request-meta";
import { revokeOwnSession } from "@/server/account/revoke-own-session";

const ZRevoke = z.object({ sessionId: z.string().regex(/^[0-9a-f]{64}$/, "not a session id") });

export async function revokeSessionAction(formData: FormData): Promise<void> {
  const user = await requireUser();
  const { sessionId } = ZRevoke.parse({ sessionId: formData.get("sessionId") });
  if (await revokeOwnSession(user.id, sessionId)) {
    await recordAuditEvent({
      action: "auth.session_revoked",
      actorUserId: user.id,
      targetType: "session",
      targetId: sessionId,
      ...(await requestMeta()),
    });
  }
  revalidatePath("/");
}
