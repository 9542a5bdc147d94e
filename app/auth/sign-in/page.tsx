// /auth/sign-in – one button per configured identity provider, the institution's branding, and a
// friendly message when next-auth sends the person back with ?error=. A signed-in visitor goes
// straight on to where they were going.
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthAlert } from "@/components/auth/auth-alert";
import { authErrorKey } from "@/components/auth/auth-error-key";
import { AuthFrame } from "@/components/auth/auth-frame";
import { SignInProviders } from "@/components/auth/sign-in-providers";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { signInAction } from "@/server/actions/auth-actions";
import { setLocaleAction } from "@/server/actions/locale-actions";
import { getCurrentUser } from "@/server/auth/current-user";
import { listSignInProviders } from "@/server/auth/providers";
import { env } from "@/server/env";
import { getLocale } from "@/server/i18n/get-locale";
import { getTranslations } from "@/server/i18n/get-translations";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("signIn.title") };
}

/**
 * A path on this portal, or null: the same rule as signInAction, applied before the value is put
 * back into the page, so a crafted ?callbackUrl= can neither redirect elsewhere nor be reflected.
 */
function localPathOrNull(value: string | string[] | undefined): string | null {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate || candidate.length > 2000) return null;
  return /^\/(?![/\\])[^\\]*$/.test(candidate) ? candidate : null;
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = localPathOrNull(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl ?? "/");

  const config = env();
  const [t, tCommon, tShell, locale, providers] = await Promise.all([
    getTranslations("auth"),
    getTranslations("common"),
    getTranslations("shell"),
    getLocale(),
    listSignInProviders(),
  ]);
  const errorKey = authErrorKey(params.error);

  return (
    <AuthFrame
      institution={{ name: config.INSTITUTION_NAME, logoUrl: config.INSTITUTION_LOGO_URL }}
      appName={tCommon("appName")}
      footer={
        <LanguageSwitch current={locale} action={setLocaleAction} legend={tShell("language.label")} variant="inline" />
      }
    >
      <h1 className="text-2xl font-semibold">{t("signIn.title")}</h1>
      <p className="mt-1 mb-6 text-fg-muted">{t("signIn.intro")}</p>
      {errorKey ? <AuthAlert title={t("errors.title")} message={t(`errors.${errorKey}`)} /> : null}
      {providers.length === 0 ? (
        <p role="alert" className="text-fg">
          {t("signIn.noProviders")}
        </p>
      ) : (
        <SignInProviders
          action={signInAction}
          callbackUrl={callbackUrl}
          providers={providers.map((provider) => ({
            id: provider.id,
            kind: provider.kind,
            buttonLabel: t("signIn.withProvider", { provider: provider.label }),
            hint: t(`signIn.hint.${provider.kind}`),
          }))}
        />
      )}
      <p className="mt-6 border-t border-border pt-4 text-sm text-fg-muted">{t("signIn.sharedWorkstation")}</p>
    </AuthFrame>
  );
}
