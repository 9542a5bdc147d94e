"use server";
/**
 * Sign-in and sign-out as server actions, for same-origin forms (Next.js checks their origin).
 * Inputs are validated; the redirect target after sign-in must be a path on this portal.
 */
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/server/auth/next-auth";
import { configuredProviders } from "@/server/auth/providers";
import { endCurrentSession } from "@/server/auth/end-current-session";
import { cancelPendingLink } from "@/server/auth/identity-linking";
import { clearPendingLinkCookie, readPendingLinkCookie } from "@/server/auth/pending-link-cookie";
import { db } from "@/server/db/client";

/** A local path: starts with one slash, not two (which would be another host), no backslash. */
const ZLocalPath = z
  .string()
  .max(2000)
  .regex(/^\/(?![/\\])[^\\]*$/, "must be a path on this portal");

const ZSignIn = z.object({
  providerId: z.string().min(1).max(32),
  callbackUrl: ZLocalPath.optional().catch(undefined),
});

export async function signInAction(formData: FormData): Promise<void> {
  const input = ZSignIn.parse({
    providerId: formData.get("providerId"),
    callbackUrl: formData.get("callbackUrl") ?? undefined,
  });
  if (!configuredProviders().some((provider) => provider.id === input.providerId)) {
    redirect("/auth/sign-in?error=UnknownProvider");
  }
  await signIn(input.providerId, { redirectTo: input.callbackUrl ?? "/" });
}

async function signOutWith(everywhere: boolean): Promise<never> {
  const next = await endCurrentSession({ everywhere });
  await signOut({ redirect: false });
  redirect(next);
}

export async function signOutAction(): Promise<void> {
  await signOutWith(false);
}

export async function signOutEverywhereAction(): Promise<void> {
  await signOutWith(true);
}

/** Abandons a pending identity link: nothing is linked and the person starts again. */
export async function cancelLinkAction(): Promise<void> {
  const pendingLinkId = await readPendingLinkCookie();
  if (pendingLinkId) await cancelPendingLink(await db(), pendingLinkId);
  await clearPendingLinkCookie();
  redirect("/auth/sign-in");
}
