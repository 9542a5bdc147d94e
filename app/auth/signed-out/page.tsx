// /auth/signed-out – where the identity provider sends the browser back after RP-initiated logout
// (post_logout_redirect_uri). Says plainly that the session is closed, which matters on a shared
// workstation, and offers to sign in again.
import type { Metadata } from "next";
import { AuthFrame } from "@/components/auth/auth-frame";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { setLocaleAction } from "@/server/actions/locale-actions";
import { env } from "@/server/env";
import { getLocale } from "@/server/i18n/get-locale";
import { getTranslations } from "@/server/i18n/get-translations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("signedOut.title") };
}

export default async function SignedOutPage() {
  const config = env();
  const [t, tCommon, tShell, locale] = await Promise.all([
    getTranslations("auth"),
    getTranslations("common"),
    getTranslations("shell"),
    getLocale(),
  ]);
  return (
    <AuthFrame
      institution={{ name: config.INSTITUTION_NAME, logoUrl: config.INSTITUTION_LOGO_URL }}
      appName={tCommon("appName")}
      footer={
        <LanguageSwitch current={locale} action={setLocaleAction} legend={tShell("language.label")} variant="inline" />
      }
    >
      <h1 className="text-2xl font-semibold">{t("signedOut.title")}</h1>
      <p className="mt-3">{t("signedOut.body")}</p>
      <p className="mt-2 mb-6 text-fg-muted">{t("signedOut.sharedWorkstation")}</p>
      <a
        href="/auth/sign-in"
        className="inline-flex min-h-12 w-full items-center justify-center rounded-md bg-primary px-4 font-semibold text-on-primary hover:underline"
      >
        {t("signedOut.signInAgain")}
      </a>
    </AuthFrame>
  );
}
