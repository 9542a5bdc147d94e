/**
 * Dates, times, numbers and relative times in the request's language and the portal's time zone
 * (Intl underneath), for server components.
 */
import "server-only";
import { createFormatter } from "use-intl/core";
import { TIME_ZONE, type TLocale } from "@/i18n/locales";
import { getLocale } from "@/server/i18n/get-locale";

export async function getFormatter(locale?: TLocale) {
  return createFormatter({ locale: locale ?? (await getLocale()), timeZone: TIME_ZONE });
}
