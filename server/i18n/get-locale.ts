/**
 * The language of the current request: the `portal-locale` cookie, French when absent or unknown.
 * The language is not negotiated from Accept-Language on purpose: on a shared workstation the
 * browser's language says nothing about the person using it, and the portal is French first.
 */
import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { LOCALE_COOKIE, parseLocale, type TLocale } from "@/i18n/locales";

export const getLocale = cache(async (): Promise<TLocale> => {
  const store = await cookies();
  return parseLocale(store.get(LOCALE_COOKIE)?.value);
});
