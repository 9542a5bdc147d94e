// 404 for any URL the portal does not serve, and for notFound() in pages.
import type { Metadata } from "next";
import { primaryActionClass, StatusPage } from "@/components/errors/status-page";
import { Icon } from "@/components/shell/icons";
import { getTranslations } from "@/server/i18n/get-translations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("errors");
  return { title: t("notFound.title") };
}

export default async function NotFound() {
  const [t, tCommon] = await Promise.all([getTranslations("errors"), getTranslations("common")]);
  return (
    <main id="main" className="px-3 py-10">
      <StatusPage
        icon={<Icon name="documents" className="size-6" />}
        title={t("notFound.title")}
        actions={
          // A full load: the way out of a broken state should not depend on client-side routing.
          // eslint-disable-next-line @next/next/no-html-link-for-pages
          <a href="/" className={primaryActionClass}>
            {tCommon("backToHome")}
          </a>
        }
      >
        <p>{t("notFound.body")}</p>
      </StatusPage>
    </main>
  );
}
