// The document list (/documents): mine, shared with me, recent; create, rename, share, delete.
import type { Metadata } from "next";
import { IntlClientProvider } from "@/components/i18n/intl-client-provider";
import { DocumentsList } from "@/components/documents/list/documents-list";
import { getClientMessages } from "@/server/i18n/get-client-messages";
import { getLocale } from "@/server/i18n/get-locale";
import { getTranslations } from "@/server/i18n/get-translations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("documents");
  return { title: t("title") };
}

export default async function DocumentsPage() {
  const locale = await getLocale();
  const messages = await getClientMessages(locale, ["documents", "documentsConvert"]);
  return (
    <IntlClientProvider locale={locale} messages={messages}>
      <DocumentsList />
    </IntlClientProvider>
  );
}
