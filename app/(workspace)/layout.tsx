// Layout of every signed-in page: skip link, header (app launcher, institution, user menu), main.
// Anonymous visitors are sent to sign-in and brought back (requireUser). Data is fetched here and
// passed down: components/ never reach server code.
import type { ReactNode } from "react";
import { AppLauncher, type TLauncherItem } from "@/components/shell/app-launcher";
import { NotificationBell } from "@/components/shell/notification-bell";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { SiteHeader } from "@/components/shell/site-header";
import { SkipLink } from "@/components/shell/skip-link";
import { UserMenu } from "@/components/shell/user-menu";
import { signOutAction, signOutEverywhereAction } from "@/server/actions/auth-actions";
import { setLocaleAction } from "@/server/actions/locale-actions";
import { requireUser } from "@/server/auth/current-user";
import { describeAuthStrength } from "@/server/auth/portal-user";
import { env } from "@/server/env";
import { getLocale } from "@/server/i18n/get-locale";
import { getTranslations } from "@/server/i18n/get-translations";
import { getEnabledModules } from "@/server/modules/registry";

export default async function WorkspaceLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const config = env();
  const [locale, t, tNav, tBell] = await Promise.all([
    getLocale(),
    getTranslations("shell"),
    getTranslations("nav"),
    getTranslations("notifications"),
  ]);
  const hasNotificationSource = getEnabledModules(config).some((module) => module.notifications !== undefined);

  const launcherItems: TLauncherItem[] = [
    { id: "home", href: "/", label: tNav("home"), icon: "home" },
    ...getEnabledModules(config).flatMap((module) =>
      module.nav
        ? [{ id: module.id, href: module.nav.href, label: tNav(module.nav.labelKey), icon: module.nav.icon }]
        : [],
    ),
    // Administration is the portal's own page, not a module: shown to administrators only.
    ...(user.isAdmin ? [{ id: "admin", href: "/admin", label: tNav("admin"), icon: "admin" }] : []),
  ];

  return (
    <>
      <SkipLink label={t("skipToContent")} />
      <SiteHeader
        institution={{ name: config.INSTITUTION_NAME, logoUrl: config.INSTITUTION_LOGO_URL }}
        homeLabel={t("homeLink", { institution: config.INSTITUTION_NAME })}
        launcher={
          <AppLauncher
            items={launcherItems}
            labels={{ toggle: t("launcher.toggle"), navLabel: t("launcher.navLabel"), empty: t("launcher.empty") }}
          />
        }
        notifications={
          hasNotificationSource ? (
            <NotificationBell
              userKey={user.id}
              locale={locale}
              labels={{
                toggle: tBell("toggle"),
                unseenOne: tBell("unseenOne"),
                unseenMany: tBell("unseenMany"),
                empty: tBell("empty"),
                unavailable: tBell("unavailable"),
                listLabel: tBell("listLabel"),
              }}
            />
          ) : undefined
        }
        userMenu={
          <UserMenu
            user={{
              displayName: user.displayName,
              profession: user.profession,
              authStrength: t(`userMenu.auth.${describeAuthStrength(user.authMethods, user.acr)}`),
            }}
            labels={{
              toggle: t("userMenu.toggle", { name: user.displayName }),
              profession: t("userMenu.profession"),
              authStrength: t("userMenu.authStrength"),
              signOut: t("userMenu.signOut"),
              signOutEverywhere: t("userMenu.signOutEverywhere"),
              signOutEverywhereHint: t("userMenu.signOutEverywhereHint"),
            }}
            signOutAction={signOutAction}
            signOutEverywhereAction={signOutEverywhereAction}
            languageSwitch={<LanguageSwitch current={locale} action={setLocaleAction} legend={t("language.label")} />}
          />
        }
      />
      {/* tabIndex -1: the skip link moves focus here, not only the scroll position. */}
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl px-3 py-6 outline-none sm:px-4 sm:py-8">
        {children}
      </main>
    </>
  );
}
