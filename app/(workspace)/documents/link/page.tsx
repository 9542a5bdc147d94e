// Opening a share link (/documents/link#<token>): the token rides in the fragment, which the
// browser never sends to a server or in a Referer; the client posts it once and goes to the editor.
import type { Metadata } from "next";
import { IntlClientProvider } from "@/components/i18n/intl-client-provider";
import { AcceptShareLink } from "@/components/documents/list/accept-share-link";
import { getClientMessages } from "@/server/i18n/get-client-messages";
import { getLocale } from "@/server/i18n/get-locale";
import { getTranslations } from "@/server/i18n/get-translations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("documents");
  return { title: t("title") };
}

export default async function ShareLinkPage() {
  const locale = await getLocale();
  const messages = await getClientMessages(locale, ["documents"]);
  return (
    <IntlClientProvider locale={locale} messages={messages}>
      <AcceptShareLink />
    </IntlClientProvider>
  );
}
