/**
 * The short-lived cookie that remembers, in this browser only, an identity waiting to be linked
 * (see identity-linking.ts). It holds a random id, HttpOnly, for 15 minutes.
 */
import "server-only";
import { cookies } from "next/headers";
import { portalUrl } from "@/server/env";

export const PENDING_LINK_COOKIE = "portal-pending-link";

export async function readPendingLinkCookie(): Promise<string | null> {
  return (await cookies()).get(PENDING_LINK_COOKIE)?.value ?? null;
}

export async function setPendingLinkCookie(id: string): Promise<void> {
  (await cookies()).set(PENDING_LINK_COOKIE, id, {
    httpOnly: true,
    sameSite: "lax",
    secure: portalUrl().startsWith("https://"),
    path: "/",
    maxAge: 15 * 60,
  });
}

export async function clearPendingLinkCookie(): Promise<void> {
  (await cookies()).delete(PENDING_LINK_COOKIE);
}
