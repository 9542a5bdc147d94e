// /auth/error – next-auth's error page (pages.error): what went wrong in plain words, per error
// code, and a way back to sign-in. The raw ?error= value is never shown.
import type { Metadata } from "next";
import { AuthAlert } from "@/components/auth/auth-alert";
import { authErrorKey } from "@/components/auth/auth-error-key";
import { AuthFrame } from "@/components/auth/auth-frame";
import { env } from "@/server/env";
import { getTranslations } from "@/server/i18n/get-translations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("errorPage.title") };
}

export default async function AuthErrorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const config = env();
  const [t, tCommon] = await Promise.all([getTranslations("auth"), getTranslations("common")]);
  // Reaching this page always means something failed, even without a code.
  const errorKey = authErrorKey(params.error) ?? "default";

  return (
    <AuthFrame
      institution={{ name: config.INSTITUTION_NAME, logoUrl: config.INSTITUTION_LOGO_URL }}
      appName={tCommon("appName")}
    >
      <h1 className="mb-4 text-2xl font-semibold">{t("errorPage.title")}</h1>
      <AuthAlert title={t("errors.title")} message={t(`errors.${errorKey}`)} />
      <a
        href="/auth/sign-in"
        className="inline-flex min-h-12 w-full items-center justify-center rounded-md bg-primary px-4 font-semibold text-on-primary hover:underline"
      >
        {t("errorPage.backToSignIn")}
      </a>
    </AuthFrame>
  );
}
