// /files — the person's files: browse folders (?path=/Rapports), recent, favourites, trash and
// search (?view=…, ?q=…). The page itself only hands the client app its limits and its strings;
// the listing is fetched by the client from the Files API, so moving between folders never waits
// for a server render and running uploads survive it.
import type { Metadata } from "next";
import { Suspense } from "react";
import { FilesApp } from "@/components/files/files-app";
import { PortalQueryProvider } from "@/components/query/portal-query-provider";
import { IntlClientProvider } from "@/components/i18n/intl-client-provider";
import { requireUser } from "@/server/auth/current-user";
import { env } from "@/server/env";
import { getClientMessages } from "@/server/i18n/get-client-messages";
import { getLocale } from "@/server/i18n/get-locale";
import { getTranslations } from "@/server/i18n/get-translations";
import { openableExtensions } from "@/server/office/choose-editor";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("files");
  return { title: t("title") };
}

export default async function FilesPage() {
  await requireUser();
  const locale = await getLocale();
  const [messages, t] = await Promise.all([getClientMessages(locale, ["files", "office"]), getTranslations("files")]);
  const config = env();
  return (
    <IntlClientProvider locale={locale} messages={messages}>
      <PortalQueryProvider staleTimeMs={10_000}>
        <Suspense fallback={<p className="text-sm text-fg-muted">{t("list.loading")}</p>}>
          <FilesApp
            locale={locale}
            config={{
              chunkBytes: config.FILES_CHUNK_BYTES,
              maxUploadBytes: config.FILES_MAX_UPLOAD_BYTES,
              officeExtensions: openableExtensions(config),
            }}
          />
        </Suspense>
      </PortalQueryProvider>
    </IntlClientProvider>
  );
}
