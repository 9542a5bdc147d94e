// /agenda — the person's calendars: day, week and month views, creating and editing events,
// answering invitations (?view=day|week|month&date=YYYY-MM-DD opens a given period). The page
// hands the client app its strings and the person's address; events are fetched by the client
// from the Agenda API. Without CALDAV_URL the module is off and the page does not exist.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AgendaApp } from "@/components/agenda/agenda-app";
import { PortalQueryProvider } from "@/components/query/portal-query-provider";
import { parseAgendaParams } from "@/components/agenda/agenda-range";
import { IntlClientProvider } from "@/components/i18n/intl-client-provider";
import { agendaModule } from "@/server/agenda/agenda-module";
import { requireUser } from "@/server/auth/current-user";
import { env } from "@/server/env";
import { getClientMessages } from "@/server/i18n/get-client-messages";
import { getLocale } from "@/server/i18n/get-locale";
import { getTranslations } from "@/server/i18n/get-translations";
import { readUserEmail } from "@/server/mail/widget/read-user-email";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("agenda");
  return { title: t("title") };
}

export default async function AgendaPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  if (!agendaModule.isEnabled(env())) notFound();
  const [locale, params] = await Promise.all([getLocale(), searchParams]);
  const [messages, email] = await Promise.all([
    getClientMessages(locale, ["agenda", "groupware", "contacts"]),
    readUserEmail(user.id),
  ]);
  const { view, date } = parseAgendaParams(params.view, params.date);
  return (
    <IntlClientProvider locale={locale} messages={messages}>
      <PortalQueryProvider>
        <AgendaApp initialView={view} initialDate={date} email={email} />
      </PortalQueryProvider>
    </IntlClientProvider>
  );
}
