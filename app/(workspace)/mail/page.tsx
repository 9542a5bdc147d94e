// /mail — the person's mail: folders, messages, reading, writing (?folder=…&uid=… opens one
// message). The page hands the client app its strings and the person's address; everything else
// is fetched by the client from the Mail API, so moving between folders and messages never waits
// for a server render. Without IMAP_URL/SMTP_URL the module is off and the page does not exist.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { MailApp } from "@/components/mail/mail-app";
import { PortalQueryProvider } from "@/components/query/portal-query-provider";
import { IntlClientProvider } from "@/components/i18n/intl-client-provider";
import { requireUser } from "@/server/auth/current-user";
import { env } from "@/server/env";
import { getClientMessages } from "@/server/i18n/get-client-messages";
import { getLocale } from "@/server/i18n/get-locale";
import { getTranslations } from "@/server/i18n/get-translations";
import { MAIL_MAX_ATTACHMENT_BYTES, mailModule, readUserEmail } from "@/server/mail/mail-module";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("mail");
  return { title: t("title") };
}

export default async function MailPage() {
  const user = await requireUser();
  if (!mailModule.isEnabled(env())) notFound();
  const locale = await getLocale();
  const [messages, t, email] = await Promise.all([
    getClientMessages(locale, ["mail", "groupware"]),
    getTranslations("mail"),
    readUserEmail(user.id),
  ]);
  return (
    <IntlClientProvider locale={locale} messages={messages}>
      <PortalQueryProvider>
        <Suspense fallback={<p className="text-sm text-fg-muted">{t("loading")}</p>}>
          <MailApp config={{ email, maxAttachmentBytes: MAIL_MAX_ATTACHMENT_BYTES }} />
        </Suspense>
      </PortalQueryProvider>
    </IntlClientProvider>
  );
}
