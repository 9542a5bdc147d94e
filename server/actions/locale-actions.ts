"use server";
/**
 * The language switch: `<form action={setLocaleAction}>` with a button `name="locale" value="en"`.
 * Works without JavaScript (a plain POST that re-renders the page) and, once hydrated, Next.js
 * refreshes the current route because a cookie changed, so `<html lang>` and every string follow.
 * No session needed: the sign-in page has the switch too.
 */
import "server-only";
import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALES } from "@/i18n/locales";
import { env, portalUrl } from "@/server/env";
import { logger } from "@/server/log";

const ZSetLocaleInput = z.object({ locale: z.enum(LOCALES) });

const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

export async function setLocaleAction(formData: FormData): Promise<void> {
  const parsed = ZSetLocaleInput.safeParse({ locale: formData.get("locale") });
  if (!parsed.success) {
    // Only a hand-made request sends another value; the page stays in its current language.
    logger.warn(
      { issues: parsed.error.issues.map((issue) => issue.path.join(".")) },
      "setLocaleAction: invalid locale",
    );
    return;
  }
  const store = await cookies();
  store.set(LOCALE_COOKIE, parsed.data.locale, {
    path: "/",
    maxAge: ONE_YEAR_SECONDS,
    sameSite: "lax",
    // Only the server reads it; Secure whenever the portal is served over HTTPS.
    httpOnly: true,
    secure: portalUrl(env()).startsWith("https://"),
  });
}
