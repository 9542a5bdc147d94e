// /offline – what the service worker (public/sw.js) shows when a page cannot be reached. It is
// precached once, so it says everything in both languages (the reader's first), works without
// JavaScript and holds nothing about the user.
import type { Metadata } from "next";
import { primaryActionClass, StatusPage } from "@/components/errors/status-page";
import { Icon } from "@/components/shell/icons";
import { InstitutionBrand } from "@/components/shell/institution-brand";
import { LOCALES } from "@/i18n/locales";
import { env } from "@/server/env";
import { getLocale } from "@/server/i18n/get-locale";
import { getTranslations } from "@/server/i18n/get-translations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("offline");
  return { title: t("title") };
}

export default async function OfflinePage() {
  const config = env();
  const current = await getLocale();
  const ordered = [current, ...LOCALES.filter((locale) => locale !== current)];
  const translators = await Promise.all(ordered.map((locale) => getTranslations("offline", locale)));

  return (
    <main id="main" className="px-3 py-8">
      <div className="mx-auto mb-6 flex max-w-xl">
        <InstitutionBrand institution={{ name: config.INSTITUTION_NAME, logoUrl: config.INSTITUTION_LOGO_URL }} />
      </div>
      <div className="space-y-6">
        {translators.map((t, index) => (
          <StatusPage
            key={ordered[index]}
            lang={ordered[index]}
            icon={<Icon name="offline" className="size-6" />}
            headingLevel={index === 0 ? 1 : 2}
            title={t("title")}
            actions={
              // A plain link on purpose: a full load of the portal is the retry, without JavaScript.
              // eslint-disable-next-line @next/next/no-html-link-for-pages
              <a href="/" className={primaryActionClass}>
                {t("retry")}
              </a>
            }
          >
            <p>{t("body")}</p>
            <p className="text-sm text-fg-muted">{t("privacy")}</p>
          </StatusPage>
        ))}
      </div>
    </main>
  );
}
