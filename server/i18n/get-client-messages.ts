/**
 * The subset of messages a client component tree needs, for `IntlClientProvider`. Sending only the
 * listed namespaces keeps the HTML and the RSC payload small on hospital Wi-Fi.
 */
import "server-only";
import type { TLocale } from "@/i18n/locales";
import type { PortalMessages, TNamespace } from "@/i18n/types";
import { loadMessages } from "@/server/i18n/load-messages";

export async function getClientMessages<const TKeys extends TNamespace>(
  locale: TLocale,
  namespaces: readonly TKeys[],
): Promise<Pick<PortalMessages, TKeys>> {
  const all = await loadMessages(locale);
  const picked: Partial<Pick<PortalMessages, TKeys>> = {};
  for (const namespace of namespaces) picked[namespace] = all[namespace];
  return picked as Pick<PortalMessages, TKeys>;
}
