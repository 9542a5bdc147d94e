// The embed URL (/embed/v1/launch#<one-time token>): opened in the vendor's iframe, it exchanges
// the token for the iframe's cookie and goes on to the editor (components/embed/launch-exchange.tsx).
// No portal chrome. proxy.ts lets only registered vendors' origins frame it.
import type { Metadata } from "next";
import { IntlClientProvider } from "@/components/i18n/intl-client-provider";
import { LaunchExchange } from "@/components/embed/launch-exchange";
import { getClientMessages } from "@/server/i18n/get-client-messages";
import { getLocale } from "@/server/i18n/get-locale";
import { getTranslations } from "@/server/i18n/get-translations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("embed.launch");
  return { title: t("opening"), referrer: "no-referrer" };
}

export default async function EmbedLaunchPage() {
  const locale = await getLocale();
  const messages = await getClientMessages(locale, ["embed"]);
  return (
    <IntlClientProvider locale={locale} messages={messages}>
      <main>
        <LaunchExchange />
      </main>
    </IntlClientProvider>
  );
}
