// /contacts — find a colleague in the directory or in one's own contacts; manage personal
// contacts. The page hands the client app its strings and what is configured; the data comes
// from /api/people and /api/contacts. Without CARDDAV_URL and LDAP_URL the module is off and the
// page does not exist.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ContactsApp } from "@/components/contacts/contacts-app";
import { IntlClientProvider } from "@/components/i18n/intl-client-provider";
import { requireUser } from "@/server/auth/current-user";
import { contactsModule, personalContactsEnabled } from "@/server/contacts/contacts-module";
import { env } from "@/server/env";
import { getClientMessages } from "@/server/i18n/get-client-messages";
import { getLocale } from "@/server/i18n/get-locale";
import { getTranslations } from "@/server/i18n/get-translations";
import { mailModule, readUserEmail } from "@/server/mail/mail-module";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("contacts");
  return { title: t("title") };
}

export default async function ContactsPage() {
  const user = await requireUser();
  const config = env();
  if (!contactsModule.isEnabled(config)) notFound();
  const locale = await getLocale();
  const [messages, email] = await Promise.all([
    getClientMessages(locale, ["contacts", "groupware"]),
    readUserEmail(user.id),
  ]);
  return (
    <IntlClientProvider locale={locale} messages={messages}>
      <ContactsApp
        config={{
          contactsEnabled: personalContactsEnabled(config),
          mailEnabled: mailModule.isEnabled(config),
          email: email ?? "",
        }}
      />
    </IntlClientProvider>
  );
}
