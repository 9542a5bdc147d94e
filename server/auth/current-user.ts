/**
 * The signed-in user for the request being served. Pages call `requireUser()`, which sends an
 * anonymous visitor to the sign-in page and brings them back afterwards.
 */
import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/server/auth/next-auth";
import type { PortalUser } from "@/server/auth/portal-user";

/** Memoised per request: the layout and the page share one session check. */
export const getCurrentUser = cache(async (): Promise<PortalUser | null> => {
  const session = (await auth()) as { portalUser?: PortalUser } | null;
  return session?.portalUser ?? null;
});

export async function requireUser(): Promise<PortalUser> {
  const user = await getCurrentUser();
  if (user) return user;
  const path = (await headers()).get("x-portal-path") ?? "/";
  redirect(`/auth/sign-in?callbackUrl=${encodeURIComponent(path)}`);
}
