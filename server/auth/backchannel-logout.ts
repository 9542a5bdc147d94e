/**
 * Back-channel logout (OpenID Connect Back-Channel Logout 1.0). The provider POSTs a form with a
 * signed `logout_token`; the issuer claim picks which configured provider's keys must verify it.
 * Every portal session with that provider session id (`sid`) or subject (`sub`) is revoked.
 * Answers 200 on success and 400 with a JSON error otherwise, never cached.
 */
import "server-only";
import { decodeJwt } from "jose";
import { z } from "zod";
import { recordAuditEvent } from "@/server/audit/record-audit-event";
import { findProviderByIssuer, providerMetadata } from "@/server/auth/providers";
import { revokeProviderSessions } from "@/server/auth/sessions";
import { verifyLogoutToken } from "@/integrations/oidc/verify-logout-token";
import { logger } from "@/server/log";
import { errorCode } from "@/server/errors";

const ZForm = z.object({ logout_token: z.string().min(1).max(16_384) });
const NO_STORE = { "cache-control": "no-store" };

function refuse(description: string): Response {
  return Response.json(
    { error: "invalid_request", error_description: description },
    { status: 400, headers: NO_STORE },
  );
}

export async function handleBackchannelLogout(request: Request): Promise<Response> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.startsWith("application/x-www-form-urlencoded"))
    return refuse("expected application/x-www-form-urlencoded");
  const form = ZForm.safeParse(Object.fromEntries(new URLSearchParams(await request.text())));
  if (!form.success) return refuse("logout_token is required");
  let issuer: unknown;
  try {
    issuer = decodeJwt(form.data.logout_token).iss;
  } catch {
    return refuse("logout_token is not a JWT");
  }
  const provider = typeof issuer === "string" ? findProviderByIssuer(issuer) : undefined;
  if (!provider) return refuse("unknown issuer");
  let claims;
  try {
    claims = await verifyLogoutToken(form.data.logout_token, await providerMetadata(provider), provider.clientId);
  } catch (error) {
    logger.warn({ provider: provider.id, kind: errorCode(error) }, "logout token refused");
    await recordAuditEvent({
      action: "auth.backchannel_logout",
      outcome: "failure",
      details: { provider: provider.id, reason: errorCode(error) },
    });
    return refuse("logout_token failed validation");
  }
  const revoked = await revokeProviderSessions(provider.id, { sid: claims.sid, sub: claims.sub });
  for (const session of revoked) {
    await recordAuditEvent({
      action: "auth.backchannel_logout",
      actorUserId: session.userId,
      targetType: "session",
      targetId: session.id,
      details: { provider: provider.id },
    });
  }
  return new Response(null, { status: 200, headers: NO_STORE });
}
