"use client";
/**
 * use-intl's provider for client components (`useTranslations`, `useFormatter`). The layout that
 * renders it passes only the namespaces its client components need (server/i18n/
 * get-client-messages.ts), and the portal's time zone so server and browser format dates alike.
 */
import type { ReactNode } from "react";
import { IntlProvider } from "use-intl";
import { TIME_ZONE, type TLocale } from "@/i18n/locales";
import type { PortalMessages } from "@/i18n/types";

export function IntlClientProvider({
  locale,
  messages,
  children,
}: {
  locale: TLocale;
  messages: Partial<PortalMessages>;
  children: ReactNode;
}) {
  return (
    <IntlProvider locale={locale} messages={messages} timeZone={TIME_ZONE}>
      {children}
    </IntlProvider>
  );
}
