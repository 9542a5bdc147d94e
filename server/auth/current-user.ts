/**
 * The signed-in user for the request being served. Pages call `requireUser()`, which sends an
 * anonymous visitor to the sign-in page and brings them back afterwards.
 *
 * Reading a session does not go through next-auth's `auth()`: that decrypts the cookie, then
 * re-encrypts and re-sets it on every call (a rolling expiry the portal does not use: its
 * lifetimes are enforced on the session row). Decrypting the cookie with next-auth's own `decode`
 * and checking the row is the same check for a fraction of the CPU on every page.
 */
import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { env, portalUrl } from "@/server/env";
import { loadActiveSession } from "@/server/auth/sessions";
import type { PortalUser } from "@/server/auth/portal-user";

/** next-auth's session cookie name: `__Secure-` prefixed when the portal is served over https. */
export function sessionCookieName(): string {
  return portalUrl().startsWith("https://") ? "__Secure-authjs.session-token" : "authjs.session-token";
}

/** Memoised per request: the layout and the page share one session check. */
export const getCurrentUser = cache(async (): Promise<PortalUser | null> => {
  const name = sessionCookieName();
  const value = (await cookies()).get(name)?.value;
  if (!value) return null;
  const payload = await decode({ token: value, secret: env().AUTH_SECRET, salt: name }).catch(() => null);
  return typeof payload?.sst === "string" ? loadActiveSession(payload.sst) : null;
});

export async function requireUser(): Promise<PortalUser> {
  const user = await getCurrentUser();
  if (user) return user;
  const path = (await headers()).get("x-portal-path") ?? "/";
  redirect(`/auth/sign-in?callbackUrl=${encodeURIComponent(path)}`);
}
