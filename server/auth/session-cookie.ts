/**
 * From the session cookie to the portal user: decrypts next-auth's cookie with next-auth's own
 * `decode` and checks the session row. Shared by the pages (current-user.ts) and the routes served
 * outside Next (request-user.ts); it imports nothing of Next's request context so that both can.
 */
import "server-only";
import { decode } from "next-auth/jwt";
import { env, portalUrl } from "@/server/env";
import { loadActiveSession } from "@/server/auth/sessions";
import type { PortalUser } from "@/server/auth/portal-user";

/** next-auth's session cookie name: `__Secure-` prefixed when the portal is served over https. */
export function sessionCookieName(): string {
  return portalUrl().startsWith("https://") ? "__Secure-authjs.session-token" : "authjs.session-token";
}

/** The user of an active session, from the value of the session cookie (null when none). */
export async function userFromSessionCookie(value: string): Promise<PortalUser | null> {
  const name = sessionCookieName();
  const payload = await decode({ token: value, secret: env().AUTH_SECRET, salt: name }).catch(() => null);
  return typeof payload?.sst === "string" ? loadActiveSession(payload.sst) : null;
}
