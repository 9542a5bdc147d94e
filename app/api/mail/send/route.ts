// POST /api/mail/send ComposeRequest — sends (new, reply, reply-all, forward): SendResult.
// When the server refuses: 400 (recipient) / 413 (size) / 502 / 504 with
// { error: { code, message, draftUid, draftFolder } } — the message is kept in Drafts.
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { requestMeta } from "@/server/auth/request-meta";
import { withSession } from "@/server/http/with-session";
import { ZCompose } from "@/server/mail/mail-input";
import { SendRefused, sendMessage } from "@/server/mail/compose/send-message";

export const POST = withSession({ body: ZCompose }, async ({ user, request, body }) => {
  try {
    const result = await sendMessage(user, body, request.signal);
    await recordAuditEvent({
      action: "mail.sent",
      actorUserId: user.id,
      targetType: "user",
      targetId: user.id,
      details: { recipients: result.accepted.length, mode: body.mode, attachments: body.attachments?.length ?? 0 },
      ...(await requestMeta()),
    });
    return Response.json(result);
  } catch (error) {
    if (!(error instanceof SendRefused)) throw error;
    return Response.json(
      {
        error: {
          code: error.code,
          message: error.userMessage,
          draftUid: error.draftUid,
          draftFolder: error.draftFolder,
        },
      },
      { status: error.status, headers: { "cache-control": "no-store" } },
    );
  }
});
