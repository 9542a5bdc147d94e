// /s/{token} — a public share link, opened by someone without an account. No sign-in (this page is
// outside the (workspace) layout, and proxy.ts redirects nobody), the portal's look with the
// institution's name, and nothing of the owner's workspace. The token is checked for its shape
// here; whether it is valid, expired or revoked is the public share API's answer (the same 404 for
// all three, so the page is no oracle either).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InstitutionBrand } from "@/components/shell/institution-brand";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { PublicShareView } from "@/components/files/public/public-share-view";
import { IntlClientProvider } from "@/components/i18n/intl-client-provider";
import { setLocaleAction } from "@/server/actions/locale-actions";
import { env } from "@/server/env";
import { getClientMessages } from "@/server/i18n/get-client-messages";
import { getLocale } from "@/server/i18n/get-locale";
import { getTranslations } from "@/server/i18n/get-translations";

/** Local tokens are 128-bit base64url, Nextcloud's 15 alphanumerics: anything else is no link. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{8,128}$/;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("files.public");
  // The token stays out of the title (browser history, shared screenshots).
  return { title: t("title"), referrer: "no-referrer" };
}

export default async function PublicSharePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  if (!TOKEN_SHAPE.test(token)) notFound();
  const locale = await getLocale();
  const [messages, t, tShell] = await Promise.all([
    getClientMessages(locale, ["files"]),
    getTranslations("files.public"),
    getTranslations("shell"),
  ]);
  const config = env();
  return (
    <div className="flex min-h-dvh flex-col">
      <div aria-hidden="true" className="h-2 bg-primary" />
      <header className="mx-auto flex w-full max-w-3xl flex-wrap items-center justify-between gap-3 px-4 py-4">
        <InstitutionBrand institution={{ name: config.INSTITUTION_NAME, logoUrl: config.INSTITUTION_LOGO_URL }} />
        <p className="text-sm text-fg-muted">{t("poweredBy")}</p>
      </header>
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 pb-8">
        <h1 className="sr-only">{t("title")}</h1>
        <div className="rounded-lg border border-border bg-surface p-4 shadow-sm sm:p-6">
          <IntlClientProvider locale={locale} messages={messages}>
            <PublicShareView token={token} locale={locale} />
          </IntlClientProvider>
        </div>
      </main>
      <footer className="flex justify-center pb-6">
        <LanguageSwitch current={locale} action={setLocaleAction} legend={tShell("language.label")} />
      </footer>
    </div>
  );
}
