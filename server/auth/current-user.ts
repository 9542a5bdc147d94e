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
import { sessionCookieName, userFromSessionCookie } from "@/server/auth/session-cookie";
import type { PortalUser } from "@/server/auth/portal-user";

/** Memoised per request: the layout and the page share one session check. */
export const getCurrentUser = cache(async (): Promise<PortalUser | null> => {
  const value = (await cookies()).get(sessionCookieName())?.value;
  return value ? userFromSessionCookie(value) : null;
});

export async function requireUser(): Promise<PortalUser> {
  const user = await getCurrentUser();
  if (user) return user;
  const path = (await headers()).get("x-portal-path") ?? "/";
  redirect(`/auth/sign-in?callbackUrl=${encodeURIComponent(path)}`);
}
