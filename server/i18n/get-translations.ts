/**
 * `const t = await getTranslations("shell"); t("launcher.toggle")`: a translator for one
 * namespace in the request's language, typed from the French messages, for server components,
 * pages and server actions.
 */
import "server-only";
import {
  _createCache,
  _createIntlFormatters,
  createTranslator,
  IntlErrorCode,
  type IntlError,
  type NamespaceKeys,
  type NestedKeyOf,
} from "use-intl/core";
import { TIME_ZONE, type TLocale } from "@/i18n/locales";
import type { PortalMessages } from "@/i18n/types";
import { loadMessages } from "@/server/i18n/load-messages";
import { logger } from "@/server/log";

export type TNamespaceKey = NamespaceKeys<PortalMessages, NestedKeyOf<PortalMessages>>;

function reportMissing(error: IntlError): void {
  // A missing message's detail names only the key; other details may quote interpolated values
  // (a user's name), so only their code is logged.
  const detail = error.code === IntlErrorCode.MISSING_MESSAGE ? error.originalMessage : undefined;
  logger.warn({ i18nError: error.code, detail }, "i18n message problem");
}

// Parsed messages and Intl formatters shared by every request of the process. Without them each
// call parses its messages again (measured at ~10% of the dashboard's CPU under load). Messages
// are immutable in production; in development the loader re-reads files and the cache is skipped.
const sharedCache = _createCache();
const sharedFormatters = _createIntlFormatters(sharedCache);

export async function getTranslations<const TNamespace extends TNamespaceKey>(namespace: TNamespace, locale?: TLocale) {
  // get-locale (next/headers) is loaded only when the request's locale is needed: code given a
  // locale also runs in the portal's outer process (server extensions), where importing
  // next/headers once Next is loaded throws ("AsyncLocalStorage accessed in runtime…").
  const resolvedLocale = locale ?? (await (await import("@/server/i18n/get-locale")).getLocale());
  const messages = await loadMessages(resolvedLocale);
  return createTranslator({
    locale: resolvedLocale,
    messages,
    namespace,
    timeZone: TIME_ZONE,
    onError: reportMissing,
    ...(process.env.NODE_ENV === "development" ? {} : { _cache: sharedCache, _formatters: sharedFormatters }),
  });
}
